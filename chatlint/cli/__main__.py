"""`python -m chatlint.cli`, as when the command line was chatlint/cli.py."""

from chatlint.cli import main

if __name__ == "__main__":
    main()
