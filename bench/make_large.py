"""Write the large benchmark workbooks: 20,000 actors and 50,000 interviews of ~30 columns.

Usage: python bench/make_large.py [OUT_DIR]   (default bench/out/)
"""
from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

N_ACTORS = 20_000
N_INTERVIEWS = 50_000

CATEGORIES = ["producteur", "coopérative", "transformateur", "collecteur", "fournisseur d'intrants",
              "distributeur", "institution publique", "recherche/formation", "finance", "association/ONG"]
STAGES = ["intrants", "production", "collecte", "transformation", "distribution", "consommation", "appui"]
REGIONS = ["Zahlé", "Békaa-Ouest", "Baalbek", "Hermel", "Rachaya"]
PROBLEMS = ["Prix du lait instable", "Manque de chaîne du froid", "Accès difficile au crédit",
            "Qualité hygiénique du lait cru insuffisante", "Coût élevé des aliments du bétail",
            "Concurrence des importations de lait en poudre", "Faible organisation des éleveurs",
            "Manque de main-d'œuvre qualifiée"]
THEMES = ["Savoir-faire traditionnel", "Proximité des marchés", "Main-d'œuvre familiale", "Équipement vétuste",
          "Demande urbaine croissante", "Programmes d'appui", "Sécheresse", "Normes sanitaires strictes"]
OTHER_QUESTIONS = [f"Question ouverte {i}" for i in range(1, 14)]
ANSWERS = ["oui", "non", "parfois", "ne sait pas", "coopérative", "collecteur privé", "vente directe"]


def actor_name(i: int) -> str:
    return f"Acteur {i:05d}"


def write_actors(path: Path, rng: random.Random) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Acteurs")
    ws.append(["ID", "Nom", "Catégorie", "Maillon", "Localité", "Région", "Latitude", "Longitude",
               "Effectif", "Influence", "Intérêt", "Contact"])
    for i in range(N_ACTORS):
        ws.append([f"A{i:05d}", actor_name(i), rng.choice(CATEGORIES), rng.choice(STAGES),
                   f"Village {i % 400}", rng.choice(REGIONS), round(33.5 + rng.random(), 5),
                   round(35.6 + rng.random() * 0.8, 5), rng.randint(1, 500), rng.randint(1, 5),
                   rng.choice([1, 2, 3, 4, 5, "faible", "moyen", "fort"]), f"contact{i}@example.org"])
    wb.save(path)


def items(rng: random.Random, pool: list[str], severity: bool = False) -> str:
    chosen = rng.sample(pool, rng.randint(1, 4))
    if severity:
        chosen = [f"{p} ({rng.randint(1, 5)})" for p in chosen]
    return rng.choice(["; ", "\n", "\n- "]).join(chosen)


def write_interviews(path: Path, rng: random.Random) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Entretiens")
    ws.append(["Grille d'entretien – benchmark"])
    ws.append([])
    ws.append(["Acteur", "Date", "Enquêteur", "Forces", "Faiblesses", "Opportunités", "Menaces",
               "Problèmes", "Priorités", "Projets", "Capacités", "Attentes", "Partenaires",
               "Volonté de collaborer", "Capacité à participer", *OTHER_QUESTIONS])
    start = date(2026, 1, 1)
    for _ in range(N_INTERVIEWS):
        a = rng.randrange(N_ACTORS)
        ws.append([actor_name(a), start + timedelta(days=rng.randrange(300)), rng.choice(["Rania", "Karim", "Lina"]),
                   items(rng, THEMES), items(rng, THEMES), items(rng, THEMES), items(rng, THEMES),
                   items(rng, PROBLEMS, severity=True), items(rng, PROBLEMS), items(rng, THEMES),
                   items(rng, THEMES), items(rng, THEMES),
                   "; ".join(actor_name(rng.randrange(N_ACTORS)) for _ in range(2)),
                   rng.choice([1, 2, 3, 4, 5, "moyen", "fort"]), rng.randint(1, 5),
                   *(rng.choice(ANSWERS) for _ in OTHER_QUESTIONS)])
    wb.save(path)


def main(out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261127)
    actors, interviews = out_dir / "large_actors.xlsx", out_dir / "large_interviews.xlsx"
    if not actors.exists():
        write_actors(actors, rng)
    if not interviews.exists():
        write_interviews(interviews, rng)
    return actors, interviews


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out")
