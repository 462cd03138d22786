"""`python -m chatlint`, and the file `spark-submit` runs: absolute imports only."""

from chatlint.cli import main

if __name__ == "__main__":
    main()
