"""The demo studio's clients: a few hundred people with varied (often accented) names,
local and foreign phones, and some allergies and health notes."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Callable

from studio.services.clients.records import MEDICAL_CHECKS, ClientInput, MedicalInfo
from studio.services.common.folding import fold

DEMO_CLIENTS = 300

FIRST_NAMES = (
    "Zoë", "João", "Inês", "Maël", "Chloé", "Björn", "Ana", "Mara", "Lukas", "Łukasz", "Siobhán",
    "Renée", "José", "María", "Sofía", "Matías", "Noémie", "Ayşe", "Dário", "Beatriz", "Tomás",
    "Leonor", "Rúben", "Gonçalo", "Élodie", "François", "Jürgen", "Søren", "Åsa", "Niamh",
    "Oisín", "Dmitri", "Anaïs", "Hélène", "Kai", "Aroha", "Mateo", "Valentina", "Camila",
    "Liam", "Olivia", "Noah", "Emma", "Amara", "Chidi", "Yuki", "Hiroshi", "Mei", "Minh",
    "Priya", "Arjun", "Fatima", "Omar", "Leila", "Youssef", "Sven", "Ingrid", "Pedro", "Marta",
    "Rita", "Diogo", "Catarina", "Afonso", "Mariana", "Tiago", "Carolina", "Miguel", "Sara",
)
LAST_NAMES = (
    "Martín", "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues",
    "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro",
    "Pinto", "Carvalho", "Teixeira", "Moreira", "Sousa", "Müller", "Schäfer", "Weiß", "Novák",
    "Dvořák", "Kowalski", "Wiśniewska", "Nguyen", "Tanaka", "O'Brien", "Ní Bhriain", "García",
    "López", "Núñez", "Peña", "Ibáñez", "Lefèvre", "Dubois", "Björk", "Järvinen", "Øberg",
    "Okafor", "Adeyemi", "Haddad", "Yılmaz", "Papadopoulos", "Kim", "Chen", "Singh", "Patel",
    "Smith", "Jones", "Brown", "Walker", "Murphy", "Kelly", "Rossi", "Bianchi", "Esposito",
)
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "sapo.pt", "proton.me", "icloud.com",
                 "yahoo.com", "mail.example")
PRONOUNS = ("", "", "", "she/her", "he/him", "they/them")
ALLERGIES = ("Latex", "Nickel", "Penicillin", "Red pigment (reacted to a previous tattoo)",
             "Chlorhexidine", "Plasters / adhesive tape", "Lidocaine", "Peanuts")
CONDITIONS = ("Asthma, uses an inhaler", "Type 1 diabetes, well controlled", "Mild eczema",
              "Psoriasis on the elbows", "Migraine", "Low blood pressure — faints easily")
MEDICATIONS = ("Aspirin 75 mg daily", "Insulin", "Isotretinoin (stopped last year)",
               "Antihistamines in spring", "Warfarin")
FOREIGN_PREFIXES = ("+34 6", "+44 7", "+33 6", "+49 15", "+1 415", "+55 11 9")


def _phone(rng: random.Random) -> str:
    import phonenumbers

    if rng.random() < 0.8:
        return f"9{rng.choice('1236')}{rng.randrange(10**7):07d}"  # Portuguese mobile
    for _ in range(50):
        prefix = rng.choice(FOREIGN_PREFIXES)
        digits_needed = {"+34 6": 8, "+44 7": 9, "+33 6": 8, "+49 15": 9, "+1 415": 7, "+55 11 9": 8}[prefix]
        raw = prefix + "".join(str(rng.randrange(10)) for _ in range(digits_needed))
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(raw, None)):
                return raw
        except phonenumbers.NumberParseException:
            continue
    return f"96{rng.randrange(10**7):07d}"


def _medical(rng: random.Random) -> MedicalInfo | None:
    if rng.random() < 0.55:
        return None
    keys = list(MEDICAL_CHECKS)
    allergies = rng.choice(ALLERGIES) if rng.random() < 0.5 else ""
    checks = set(rng.sample(keys, k=rng.choice((0, 0, 1, 1, 2))))
    if "Latex" in allergies:
        checks.add("allergy_latex")
    return MedicalInfo(
        checks=frozenset(checks),
        allergies=allergies,
        conditions=rng.choice(CONDITIONS) if rng.random() < 0.3 else "",
        medications=rng.choice(MEDICATIONS) if rng.random() < 0.2 else "",
    )


def demo_client_inputs(count: int = DEMO_CLIENTS, seed: int = 2026, today: date | None = None):
    """(ClientInput, MedicalInfo | None) pairs, the same every run for a given seed."""
    rng = random.Random(seed)
    today = today or date.today()
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if rng.random() < 0.25:
            last = f"{last} {rng.choice(LAST_NAMES)}"
        local = fold(f"{first}.{last}").replace(" ", ".").replace("'", "")
        email = f"{local}{rng.randrange(10, 99)}@{rng.choice(EMAIL_DOMAINS)}" if rng.random() < 0.85 else ""
        born = today - timedelta(days=rng.randrange(18 * 366, 70 * 365))
        emergency = rng.random() < 0.4
        yield ClientInput(
            full_name=f"{first} {last}",
            preferred_name=first[:3] if rng.random() < 0.08 else "",
            pronouns=rng.choice(PRONOUNS),
            date_of_birth=born,
            phone=_phone(rng) if rng.random() < 0.95 else "",
            email=email,
            address=(f"Rua {rng.choice(LAST_NAMES)} {rng.randrange(1, 200)}\n"
                     f"{rng.randrange(1000, 9999)}-{rng.randrange(100, 999)} Lisboa") if rng.random() < 0.5 else "",
            emergency_name=f"{rng.choice(FIRST_NAMES)} {last.split()[0]}" if emergency else "",
            emergency_phone=_phone(rng) if emergency else "",
            notes=rng.choice(("", "", "Prefers morning sessions.", "Fine-line work only.",
                              "Came with a friend; wants matching pieces.", "Nervous with needles.")),
        ), _medical(rng)


def add_demo_clients(services, admin, progress: Callable[[str], None]) -> None:
    """Demo step: DEMO_CLIENTS clients through the service (validated and audited)."""
    progress(f"Adding {DEMO_CLIENTS} clients…")
    for data, medical in demo_client_inputs():
        services.clients.create(admin, data, medical=medical, allow_duplicate=True)
