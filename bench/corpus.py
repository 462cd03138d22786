"""A few thousand realistic (customer message, draft reply, name) triples in id, el and en.

Built by combining real-sounding customer turns and replies of each language,
so every rule and signal gets work: questions of each kind, complaints, angry
and terse customers, slang, emoji, Greeklish.
"""

import random

CUSTOMERS = {
    "id": ["Kak, yang merah ready?", "brp harganya kak", "Kapan dikirim ya kak?", "udah tf ya kak",
           "Kak barangnya rusak pas sampai 😡", "kok lama bgt sih??? udah 3 hari", "min, bisa COD?",
           "Makasih kak, barangnya udah sampai, bagus bgt", "PENIPU!!! barang ga dateng2",
           "gimana cara ordernya kak", "Ukuran L masih ada gak?", "ongkir ke Bandung brp?",
           "Halo kak, mau tanya bahannya apa ya?", "resi nya mana kak", "oke kak saya ambil 2"],
    "el": ["Πότε θα έρθει η παραγγελία;", "Πόσο κάνει το μπλε;", "Έχετε το Μ σε μαύρο;",
           "Ακόμα περιμένω το δέμα μου!!!", "Μου ήρθε σπασμένο, απαράδεκτο", "Ευχαριστώ πολύ, έφτασε!",
           "Poso kanei to mple?", "pote 8a erthei to paketo?", "Πώς μπορώ να κάνω επιστροφή;",
           "Στείλατε λάθος χρώμα", "τιμή;", "Καλησπέρα, θα ήθελα να παραγγείλω δύο τεμάχια"],
    "en": ["Do you have it in size M?", "How much is shipping to Bali?", "When will my order ship?",
           "My parcel arrived damaged", "Still waiting for my order!!!", "thx, got it today, love it",
           "how do I return this?", "This is ridiculous, where is my refund???", "price?",
           "I just paid for the order", "Is the blue one still available?", "Where are you located?"],
}
REPLIES = {
    "id": ["Ready kak, silakan diorder ya 🙏", "150rb kak", "Besok pagi dikirim ya kak", "iya kak",
           "Makasih kak, pesanan segera kami proses ^^", "Baca deskripsi dong kak", "SUDAH SAYA BILANG habis",
           "Mohon maaf kak, kami cek resinya dan kabari hari ini ya 🙏", "barang ready gan",
           "Halo kak {name}, ukuran L masih ada, mau warna apa?", "Sebentar ya kak, saya cek dulu",
           "Bisa COD kak, ongkir ke Bandung 15rb, estimasi 2-3 hari 😊"],
    "el": ["Αύριο θα σας έρθει :)", "25 € μαζί με τα μεταφορικά.", "ναι", "Ευχαριστούμε πολύ {name}! 🙂",
           "Δικό σας λάθος, διαλέξατε αυτό.", "Ζητάμε συγγνώμη για την καθυστέρηση, θα φτάσει την Παρασκευή.",
           "Efxaristoume poly, to paketo efyge simera", "ΔΙΑΒΑΣΤΕ την περιγραφή",
           "Γεια σας {name}, το Μ σε μαύρο υπάρχει.", "Θα το ελέγξουμε και θα σας ενημερώσουμε σήμερα."],
    "en": ["Yes, M is in stock 🙂", "Shipping to Bali is $5.", "ok", "Thanks {name}! It ships tomorrow.",
           "That's your fault, it says so in the description.", "PLEASE read the listing!!!",
           "So sorry! Please send us a photo and we'll replace it.", "Hi {name}, we're located in Ubud :)",
           "Sorry for the wait, it arrives on Friday.", "Let me check and get back to you."],
}
NAMES = {"id": ["Dewi", "Michael", "Siti Nurhaliza", None], "el": ["Γιώργος", "Μαρία", "Νίκος", None],
         "en": ["Michael", "Anna", "Sarah Lee", None]}


def corpus(n: int = 3000, seed: int = 7):
    rng = random.Random(seed)
    langs = list(CUSTOMERS)
    out = []
    for i in range(n):
        lang = langs[i % len(langs)]
        name = rng.choice(NAMES[lang])
        reply = rng.choice(REPLIES[lang]).replace("{name}", (name or "kak").split()[0])
        out.append((lang, rng.choice(CUSTOMERS[lang]), reply, name))
    return out
