"""Build the demo workbooks of clusterlab: "Cluster laitier de la Békaa" (Lebanon).

All data below is fictional and hand-written (no randomness, no network), so
re-running the script gives the same workbooks, byte for byte.

Writes, next to this script, in the workbook contract's French format:
  - acteurs.xlsx       sheets "Acteurs" and "Relations"
  - entretiens.xlsx    sheets "Grille d'entretien" (two title rows) and "Problèmes"
  - plan_actions.xlsx  sheet  "Plan d'actions"
  - analyse.xlsx       the analysis a team leaves after AP1, AP2 and CP1 (coded SWOT
                       themes, leaders chosen, cross-matrix options, one sent to the plan,
                       comparisons, a closed vote, the short list, two perimeter scenarios
                       and one validated by the steering committee; the CP and the technical
                       cell with their members, the meetings with who came and what was
                       decided): a project workbook made by running
                       clusterlab's own functions on the three workbooks above

Usage:  python data/demo/build_demo.py [--out DIR]
"""

from __future__ import annotations

import os

# openpyxl writes through lxml when it is installed, with other bytes: the workbooks are written
# without it, so that they are the same whatever the environment (set before openpyxl is imported).
os.environ["OPENPYXL_LXML"] = "False"

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import zipfile  # noqa: E402
from pathlib import Path  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent

# Fixed timestamp written in the files' metadata and zip entries (reproducible output).
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------
# 1. Actors
# ---------------------------------------------------------------------------
# fmt: off
# Columns of the "Acteurs" sheet.
ACTOR_COLUMNS = [
    "ID", "Nom", "Catégorie", "Maillon", "Localité", "Région",
    "Latitude", "Longitude", "Effectif", "Influence", "Intérêt", "Contact",
]

# (ID, Nom, Catégorie, Maillon,
#  Localité, Région, Latitude, Longitude, Effectif, Influence, Intérêt, Contact)
# Latitude/Longitude None = no coordinates known; Intérêt None = score missing.
ACTORS = [
    # --- producteurs (production) ---
    ("A001", "Ferme Abou Khalil", "producteur", "production",
     "Qab Elias", "Zahlé", 33.7935, 35.8262, 6, 2, 4, "+961 8 900 101"),
    ("A002", "Ferme Haddad", "producteur", "production",
     "Terbol", "Zahlé", 33.8163, 35.9835, 9, 3, 4, "+961 8 900 102"),
    ("A003", "Élevage Saadé", "producteur", "production",
     "Ablah", "Zahlé", 33.8714, 35.9987, 14, 3, 3, "+961 8 900 103"),
    ("A004", "Ferme Al Marj", "producteur", "production",
     "El Marj", "Békaa-Ouest", 33.7612, 35.8724, 5, 2, 5, "+961 8 900 104"),
    ("A005", "Ferme Bou Hamdan", "producteur", "production",
     "Joub Jannine", "Békaa-Ouest", 33.6295, 35.7842, 11, 3, 4, "+961 8 900 105"),
    ("A006", "Élevage Kamed", "producteur", "production",
     "Kamed el Loz", "Békaa-Ouest", 33.6198, 35.8189, 4, 1, 3, "+961 8 900 106"),
    ("A007", "Ferme Abou Nader", "producteur", "production",
     "Saghbine", "Békaa-Ouest", 33.5967, 35.7063, 7, 2, 4, "+961 8 900 107"),
    ("A008", "Ferme Dib", "producteur", "production",
     "Rachaya", "Rachaya", 33.5007, 35.8428, 3, 1, None, "+961 8 900 108"),
    ("A009", "Bergerie Al Ghazal", "producteur", "production",
     "Kfar Qouq", "Rachaya", 33.5296, 35.8801, 4, 1, 2, "+961 8 900 109"),
    ("A010", "Ferme Chamas", "producteur", "production",
     "Douris", "Baalbek", 33.9905, 36.1921, 12, 3, 3, "+961 8 900 110"),
    ("A011", "Élevage Jaafar", "producteur", "production",
     "Hermel", "Hermel", 34.3935, 36.3843, 8, 2, 3, "+961 8 900 111"),
    ("A012", "Ferme Tlais", "producteur", "production",
     "Deir el Ahmar", "Baalbek", 34.1232, 36.1311, 6, 2, 2, "+961 8 900 112"),
    # --- coopératives ---
    ("A013", "Coopérative El Amal", "coopérative", "collecte",
     "Qab Elias", "Zahlé", 33.7958, 35.8291, 85, 4, 5, "elamal@example.org"),
    ("A014", "Coopérative des éleveurs de Saghbine", "coopérative", "collecte",
     "Saghbine", "Békaa-Ouest", 33.5981, 35.7102, 42, 3, 5, "coop.saghbine@example.org"),
    ("A015", "Coopérative Al Nour", "coopérative", "transformation",
     "Baalbek", "Baalbek", 34.0047, 36.211, 30, 3, 4, "alnour@example.org"),
    ("A016", "Coopérative des femmes de Rachaya", "coopérative", "transformation",
     "Rachaya", "Rachaya", 33.4983, 35.8452, 24, 2, 5, "femmes.rachaya@example.org"),
    ("A017", "Coopérative laitière du Hermel", "coopérative", "production",
     "Hermel", "Hermel", 34.3881, 36.379, 37, 2, 4, "coop.hermel@example.org"),
    # --- collecteurs (collecte) ---
    ("A018", "Centre de collecte de Bar Elias", "collecteur", "collecte",
     "Bar Elias", "Zahlé", 33.7754, 35.9041, 7, 3, 4, "+961 8 900 118"),
    ("A019", "Abou Ali Transport laitier", "collecteur", "collecte",
     "Chtaura", "Zahlé", None, None, 3, 2, 3, "+961 3 900 119"),
    ("A020", "Collecte laitière de Rayak", "collecteur", "collecte",
     "Rayak", "Zahlé", 33.8512, 36.0043, 5, 3, 3, "+961 8 900 120"),
    ("A021", "Centre de collecte de Chmestar", "collecteur", "collecte",
     "Chmestar", "Baalbek", 33.966, 36.052, 6, 2, 4, "+961 8 900 121"),
    # --- transformateurs (transformation) ---
    ("A022", "Laiterie Taanayel-Sud", "transformateur", "transformation",
     "Taanayel", "Zahlé", 33.7968, 35.8705, 120, 5, 4, "contact@taanayel-sud.example.org"),
    ("A023", "Laiterie Al Wadi", "transformateur", "transformation",
     "Zahlé", "Zahlé", 33.8466, 35.902, 65, 4, 3, "info@alwadi.example.org"),
    ("A024", "Fromagerie de Chtaura", "transformateur", "transformation",
     "Chtaura", "Zahlé", 33.8146, 35.853, 28, 3, 4, "fromagerie.chtaura@example.org"),
    ("A025", "Laiterie Baalbek Frais", "transformateur", "transformation",
     "Baalbek", "Baalbek", 34.0088, 36.2154, 40, 3, 3, "baalbekfrais@example.org"),
    ("A026", "Atelier de labneh Oum Georges", "transformateur", "transformation",
     "Anjar", "Zahlé", 33.7281, 35.9312, 4, 1, 3, "+961 8 900 126"),
    ("A027", "Laiterie de la Békaa-Ouest", "transformateur", "transformation",
     "Joub Jannine", "Békaa-Ouest", 33.6321, 35.7795, 35, 3, 2, "laiterie.bo@example.org"),
    # --- fournisseurs d'intrants (intrants) ---
    ("A028", "Agro-Intrants Békaa", "fournisseur d'intrants", "intrants",
     "Chtaura", "Zahlé", 33.8129, 35.8561, 18, 3, 3, "ventes@agro-intrants.example.org"),
    ("A029", "Provenderie Al Sahel", "fournisseur d'intrants", "intrants",
     "Bar Elias", "Zahlé", 33.7731, 35.9088, 22, 3, 2, "+961 8 900 129"),
    ("A030", "Semences et Fourrages du Nord", "fournisseur d'intrants", "intrants",
     "Iaat", "Baalbek", 34.041, 36.1695, 9, 2, 2, "+961 8 900 130"),
    ("A031", "Génétique Bovine Levant", "fournisseur d'intrants", "intrants",
     "Ali en Nahri", "Zahlé", 33.8693, 36.0211, 12, 2, 4, "genetique@example.org"),
    # --- distributeurs (distribution, consommation) ---
    ("A032", "Distribution Cèdre Frais", "distributeur", "distribution",
     "Zahlé", "Zahlé", 33.849, 35.9105, 45, 4, 3, "achats@cedrefrais.example.org"),
    ("A033", "Supermarchés Al Kamar", "distributeur", "distribution",
     "Chtaura", "Zahlé", 33.8171, 35.8502, 150, 4, 2, "achats@alkamar.example.org"),
    ("A034", "Grossiste alimentaire du Hermel", "distributeur", "distribution",
     "Hermel", "Hermel", 34.3962, 36.388, 8, 2, 3, "+961 8 900 134"),
    ("A035", "Levant Dairy Export", "distributeur", "distribution",
     "Zahlé", "Zahlé", None, None, 10, 3, 4, "export@levantdairy.example.org"),
    ("A036", "Groupement des restaurateurs de Zahlé", "distributeur", "consommation",
     "Zahlé", "Zahlé", 33.8502, 35.8998, 60, 3, 3, "restaurateurs.zahle@example.org"),
    # --- consommateurs ---
    ("A037", "Association des consommateurs de la Békaa", "association/ONG", "consommation",
     "Zahlé", "Zahlé", None, None, 300, 2, 4, "conso.bekaa@example.org"),
    # --- institutions publiques (appui) ---
    ("A038", "Direction régionale de l'Agriculture – Békaa", "institution publique", "appui",
     "Zahlé", "Zahlé", 33.8438, 35.9065, 55, 5, 4, "dra.bekaa@example.org"),
    ("A039", "Office régional du lait et des viandes", "institution publique", "appui",
     "Chtaura", "Zahlé", 33.8155, 35.8588, 20, 4, 3, "office.lait@example.org"),
    ("A040", "Municipalité de Qab Elias", "institution publique", "appui",
     "Qab Elias", "Zahlé", 33.7942, 35.825, 35, 3, 2, "+961 8 900 140"),
    ("A041", "Union des municipalités du Hermel", "institution publique", "appui",
     "Hermel", "Hermel", 34.392, 36.385, 25, 3, 3, "+961 8 900 141"),
    # --- recherche / formation (appui) ---
    ("A042", "Institut de recherche laitière de la Békaa", "recherche/formation", "appui",
     "Terbol", "Zahlé", 33.8101, 35.9902, 40, 4, 5, "irlb@example.org"),
    ("A043", "Lycée agricole de Baalbek", "recherche/formation", "appui",
     "Baalbek", "Baalbek", 34.0021, 36.2042, 30, 2, 4, "lycee.agri.baalbek@example.org"),
    ("A044", "Université de la Békaa – Faculté d'agronomie", "recherche/formation", "appui",
     "Zahlé", "Zahlé", 33.8419, 35.895, 70, 3, None, "agro@univ-bekaa.example.org"),
    # --- finance (appui) ---
    ("A045", "Banque Al Zira'a – agence de Chtaura", "finance", "appui",
     "Chtaura", "Zahlé", 33.8139, 35.8519, 15, 4, 2, "chtaura@banque-alziraa.example.org"),
    ("A046", "Microfinance Ibdaa", "finance", "appui",
     "Zahlé", "Zahlé", None, None, 12, 3, 4, "ibdaa@example.org"),
    # --- associations / ONG (appui) ---
    ("A047", "ONG Terre et Lait", "association/ONG", "appui",
     "Zahlé", "Zahlé", 33.8455, 35.9033, 14, 3, 5, "contact@terre-et-lait.example.org"),
    ("A048", "Association des éleveurs de la Békaa-Ouest", "association/ONG", "appui",
     "Joub Jannine", "Békaa-Ouest", 33.631, 35.786, 210, 3, 5, "eleveurs.bo@example.org"),
    # --- services d'appui ---
    ("A049", "Clinique vétérinaire Al Rahma", "service d'appui", "appui",
     "Bar Elias", "Zahlé", 33.7742, 35.9065, 6, 2, 3, "+961 8 900 149"),
    ("A050", "AgroConseil Levant", "service d'appui", "appui",
     "Zahlé", "Zahlé", 33.8475, 35.9048, 9, 3, 4, "bureau@agroconseil.example.org"),
    ("A051", "Laboratoire d'analyses Qualilait", "service d'appui", "appui",
     "Taanayel", "Zahlé", 33.799, 35.8735, 7, 3, 4, "labo@qualilait.example.org"),
]
# fmt: on

RELATION_COLUMNS = ["Source", "Cible", "Type", "Force"]

# (Source, Cible, Type, Force) — by actor ID, a few by name (as field teams type them).
RELATIONS = [
    # producteurs -> coopératives / collecteurs / laiteries
    ("A001", "A013", "commercial", 5),
    ("A002", "A020", "commercial", 4),
    ("A002", "A018", "commercial", 2),
    ("A003", "A022", "commercial", 4),
    ("A004", "A013", "commercial", 4),
    ("A004", "A018", "commercial", 3),
    ("A005", "A027", "commercial", 4),
    ("A006", "A014", "commercial", 3),
    ("A006", "A019", "commercial", 2),
    ("A007", "A014", "commercial", 5),
    ("Ferme Dib", "Coopérative des femmes de Rachaya", "commercial", 3),
    ("A009", "A016", "commercial", 4),
    ("A010", "A021", "commercial", 4),
    ("A010", "A015", "commercial", 2),
    ("A011", "A017", "commercial", 5),
    ("A012", "A021", "commercial", 3),
    # coopératives / collecteurs -> transformateurs
    ("A013", "A022", "commercial", 5),
    ("A013", "A024", "commercial", 2),
    ("A014", "A027", "commercial", 4),
    ("A017", "A025", "commercial", 3),
    ("A018", "A023", "commercial", 4),
    ("A019", "A024", "commercial", 3),
    ("A020", "A022", "commercial", 4),
    ("A021", "A025", "commercial", 4),
    # transformateurs -> distributeurs
    ("A022", "A032", "commercial", 5),
    ("A022", "A033", "commercial", 5),
    ("A022", "A035", "commercial", 4),
    ("A023", "A033", "commercial", 4),
    ("A023", "A035", "commercial", 3),
    ("A024", "A036", "commercial", 4),
    ("A025", "A034", "commercial", 3),
    ("A015", "A034", "commercial", 2),
    ("A016", "A036", "commercial", 2),
    ("Atelier de labneh Oum Georges", "A036", "commercial", 3),
    ("A027", "A032", "commercial", 3),
    # distributeurs -> consommation
    ("A032", "A036", "commercial", 3),
    ("A033", "A037", "information", 2),
    # fournisseurs d'intrants -> éleveurs
    ("A028", "A001", "commercial", 3),
    ("A028", "A013", "commercial", 4),
    ("A029", "A004", "commercial", 3),
    ("A029", "A005", "commercial", 3),
    ("A030", "A010", "commercial", 3),
    ("A030", "A017", "commercial", 3),
    ("A031", "A003", "commercial", 4),
    ("A031", "A002", "commercial", 2),
    # acteurs d'appui : information, collaboration, crédit, services
    ("A038", "A013", "information", 4),
    ("A038", "A014", "information", 3),
    ("A038", "A017", "information", 3),
    ("A038", "A022", "information", 3),
    ("A039", "A022", "information", 4),
    ("A039", "A018", "information", 3),
    ("A039", "A041", "information", 2),
    ("A042", "A013", "collaboration", 4),
    ("A042", "A022", "collaboration", 4),
    ("A042", "A016", "collaboration", 3),
    ("A043", "A010", "information", 2),
    ("A043", "A015", "collaboration", 3),
    ("A044", "A042", "collaboration", 4),
    ("A044", "A024", "information", 2),
    ("A045", "A013", "commercial", 3),
    ("A045", "A022", "commercial", 4),
    ("A046", "A016", "commercial", 3),
    ("Microfinance Ibdaa", "Ferme Dib", "commercial", 2),
    ("A047", "A016", "collaboration", 4),
    ("A047", "A009", "collaboration", 3),
    ("A048", "A005", "information", 4),
    ("A048", "A007", "information", 3),
    ("A048", "A014", "collaboration", 4),
    ("A049", "A001", "commercial", 3),
    ("A049", "A004", "commercial", 3),
    ("A050", "A013", "collaboration", 3),
    ("A050", "A047", "collaboration", 3),
    ("A051", "A022", "commercial", 4),
    ("A051", "A013", "information", 3),
    ("A040", "A013", "collaboration", 3),
    ("A041", "A017", "collaboration", 3),
    ("A041", "A011", "information", 2),
    ("A037", "Direction régionale de l'Agriculture – Békaa", "information", 2),
    # conflits
    (
        "A018",
        "A013",
        "conflit",
        3,
    ),  # concurrence pour le lait des éleveurs de Qab Elias
    ("A022", "A018", "conflit", 4),  # lait refusé pour qualité
    ("A027", "A014", "conflit", 2),  # retards de paiement
    ("A040", "A001", "conflit", 3),  # effluents d'élevage
    ("Provenderie Al Sahel", "Agro-Intrants Békaa", "conflit", 2),  # guerre des prix
]

# ---------------------------------------------------------------------------
# 2. Interviews
# ---------------------------------------------------------------------------
INTERVIEW_TITLE_ROWS = [
    "Projet cluster laitier – Békaa",
    "Grille d'entretien – campagne 2026",
]

# Header of "Grille d'entretien": (column title, key in the interview dicts below).
INTERVIEW_COLUMNS = [
    ("Acteur", "acteur"),
    ("Date", "date"),
    ("Enquêteur", "enqueteur"),
    ("Forces", "forces"),
    ("Faiblesses", "faiblesses"),
    ("Opportunités", "opportunites"),
    ("Menaces", "menaces"),
    ("Problèmes", "problemes"),
    ("Priorités", "priorites"),
    ("Projets", "projets"),
    ("Capacités", "capacites"),
    ("Attentes", "attentes"),
    ("Partenaires", "partenaires"),
    ("Volonté de collaborer", "volonte"),
    ("Capacité à participer", "capacite"),
    # "other questions": match no contract field, categorical answers
    ("Principal canal de vente", "canal"),
    ("Accès au crédit", "credit"),
    ("Membre d'une association professionnelle", "association"),
    ("Certification", "certification"),
]
LIST_KEYS = {
    "forces",
    "faiblesses",
    "opportunites",
    "menaces",
    "problemes",
    "priorites",
    "projets",
    "capacites",
    "attentes",
    "partenaires",
}

# How each interviewer types list cells (field teams differ): "; ", new lines, "- ", "• ".
# An interview may override it with its own "style".
INTERVIEWERS = {
    "Rana K.": "semicolon",
    "Karim H.": "dash",
    "Maya S.": "newline",
    "Élie F.": "bullet",
}

D = dt.date  # short alias; dates typed as text stay str ("dd/mm/yyyy")

# One dict per interview. Problems carry a severity in brackets most of the time.
INTERVIEWS = [
    {
        "acteur": "Ferme Abou Khalil",
        "date": D(2026, 3, 9),
        "enqueteur": "Rana K.",
        "forces": [
            "Longue expérience de l'élevage laitier",
            "Main-d'œuvre familiale disponible",
            "Proximité des marchés de Zahlé et Beyrouth",
        ],
        "faiblesses": [
            "Exploitation de petite taille",
            "Matériel de traite vétuste",
            "Absence de comptabilité",
        ],
        "opportunites": [
            "Demande croissante en produits laitiers locaux",
            "Projets financés par les bailleurs (UE, FAO)",
        ],
        "menaces": ["Crise économique et dévaluation de la livre", "Sécheresse"],
        "problemes": [
            "Prix du lait instable (5)",
            "Coût élevé des aliments du bétail (5)",
            "Accès difficile au crédit (4)",
        ],
        "priorites": ["Stabiliser le prix du lait", "Acheter une machine à traire"],
        "projets": [
            "Achat d'une machine à traire mobile",
            "Extension de l'étable (10 vaches)",
        ],
        "capacites": ["15 vaches laitières", "3 ha de luzerne"],
        "attentes": ["Un prix du lait garanti", "Un accès au financement"],
        "partenaires": [
            "Coopérative El Amal",
            "Agro-Intrants Békaa",
            "Clinique vétérinaire Al Rahma",
        ],
        "volonte": 4,
        "capacite": 3,
        "canal": "coopérative",
        "credit": "non",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Ferme Haddad",
        "date": D(2026, 3, 11),
        "enqueteur": "Karim H.",
        "forces": [
            "Expérience de l'élevage",
            "Disponibilité de fourrages",
            "Tank de refroidissement récent",
        ],
        "faiblesses": [
            "Faible productivité par vache",
            "Dépendance à un seul acheteur",
        ],
        "opportunites": ["Hausse de la demande en produits locaux", "Énergie solaire"],
        "menaces": ["Coût de l'énergie et coupures d'électricité", "Maladies animales"],
        "problemes": [
            "prix du lait instable (4)",
            "Manque de chaîne du froid (4)",
            "Coût de l'électricité pour la traite (3)",
        ],
        "priorites": [
            "Installer des panneaux solaires",
            "Améliorer la génétique du troupeau",
        ],
        "projets": [
            "Installation de panneaux solaires pour le tank",
            "Achat de semences de luzerne",
        ],
        "capacites": ["22 vaches Holstein", "Tank réfrigéré de 1 000 L"],
        "attentes": ["Des formations pratiques", "Un accès au financement"],
        "partenaires": ["Collecte laitière de Rayak", "Génétique Bovine Levant"],
        "volonte": "fort",
        "capacite": 4,
        "canal": "collecteur privé",
        "credit": "oui",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "Elevage Saade",
        "date": D(2026, 3, 12),
        "enqueteur": "Maya S.",
        "forces": [
            "Éleveurs expérimentés",
            "Disponibilité de terres et de fourrages",
            "Réseau de fournisseurs fidèles",
        ],
        "faiblesses": ["Rendement laitier faible", "Formation technique insuffisante"],
        "opportunites": [
            "Demande croissante en produits laitiers locaux",
            "Importations devenues chères avec la crise",
        ],
        "menaces": ["Crise économique", "Épidémies (fièvre aphteuse)"],
        "problemes": [
            "Instabilité du prix du lait (4)",
            "Acces difficile au credit (3)",
            "Coût des soins vétérinaires (3)",
        ],
        "priorites": ["Améliorer la qualité du lait", "Accéder à des crédits adaptés"],
        "projets": ["Achat de 10 génisses gestantes", "Silo pour ensilage de maïs"],
        "capacites": ["30 vaches laitières", "8 ha de maïs fourrager"],
        "attentes": ["Un accès au financement", "Un appui vétérinaire régulier"],
        "partenaires": ["Laiterie Taanayel Sud", "Génétique Bovine Levant"],
        "volonte": 3,
        "capacite": 3,
        "canal": "laiterie",
        "credit": "non",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "Ferme Al Marj",
        "date": D(2026, 3, 16),
        "enqueteur": "Élie F.",
        "forces": ["Savoir-faire traditionnel", "Main-d'œuvre familiale"],
        "faiblesses": [
            "Troupeau réduit",
            "Manque de formation technique",
            "Trésorerie fragile",
        ],
        "opportunites": [
            "Dynamique de cluster et coopération",
            "Tourisme rural et gastronomique",
        ],
        "menaces": ["Sécheresse et baisse des ressources en eau", "Crise économique"],
        "problemes": [
            "Prix du lait  instables (5)",
            "Aliments du bétail trop chers (5)",
            "Faible organisation des éleveurs",
            "Manque d'eau pour l'abreuvement en été (3)",
        ],
        "priorites": [
            "Former les éleveurs à l'hygiène de la traite",
            "Se regrouper pour vendre",
        ],
        "projets": ["Forage d'un puits", "Vente directe de labneh au marché"],
        "capacites": ["8 vaches", "Salle de traite familiale"],
        "attentes": [
            "Une meilleure coordination des acteurs",
            "Des formations pratiques",
        ],
        "partenaires": [
            "cooperative el amal",
            "Provenderie Al Sahel",
            "Clinique vétérinaire Al Rahma",
        ],
        "volonte": "très fort",
        "capacite": 2,
        "canal": "coopérative",
        "credit": "non",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Ferme Bou Hamdan",
        "date": "23/03/2026",
        "enqueteur": "Rana K.",
        "forces": [
            "Longue expérience de l'élevage laitier",
            "Fourrages produits sur l'exploitation",
        ],
        "faiblesses": [
            "Faible productivité laitière",
            "Gestion informelle, pas de comptabilité",
            "Stockage réfrigéré insuffisant",
        ],
        "opportunites": [
            "Programmes d'appui des bailleurs internationaux",
            "Demande croissante en labneh et fromages locaux",
        ],
        "menaces": ["Instabilité sécuritaire", "Hausse du prix du carburant"],
        "problemes": [
            "Prix du lait instable (5)",
            "Manque de chaîne du froid (4)",
            "Difficulté d'accès au crédit (5)",
            "Manque de main-d'œuvre qualifiée (2)",
        ],
        "priorites": [
            "Créer un centre de collecte réfrigéré",
            "Accéder à des crédits adaptés",
        ],
        "projets": [
            "Achat d'un tank à lait de 2 000 L",
            "Ensilage de maïs en commun avec les voisins",
        ],
        "capacites": ["25 vaches laitières", "Camionnette"],
        "attentes": ["Un prix du lait garanti", "Des débouchés stables"],
        "partenaires": [
            "Laiterie de la Békaa-Ouest",
            "Association des éleveurs de la Békaa-Ouest",
            "Provenderie Al Sahel",
        ],
        "volonte": 5,
        "capacite": 4,
        "canal": "laiterie",
        "credit": "oui",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Ferme Abou Nader",
        "date": D(2026, 3, 25),
        "enqueteur": "Karim H.",
        "forces": [
            "Expérience de l'élevage",
            "Bonne entente entre les membres de la coopérative",
        ],
        "faiblesses": ["Petite taille des exploitations", "Équipements vétustes"],
        "opportunites": ["Label de qualité régional", "Projet de cluster laitier"],
        "menaces": ["Concurrence des produits importés", "Sécheresse"],
        "problemes": [
            "PRIX DU LAIT INSTABLE (4)",
            "Cout eleve des aliments du betail (4)",
            "Accès difficile au crédit (4)",
        ],
        "priorites": ["Stabiliser le prix du lait", "Renouveler le matériel de traite"],
        "projets": ["Achat d'une machine à traire", "Achat groupé d'aliments"],
        "capacites": ["12 vaches", "Membre fondateur de la coopérative"],
        "attentes": ["Un prix du lait garanti", "Un label de qualité régional"],
        "partenaires": [
            "Coopérative des éleveurs de Saghbine",
            "Association des éleveurs de la Békaa-Ouest",
        ],
        "volonte": "moyen",
        "capacite": 2,
        "canal": "coopérative",
        "credit": "non",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Ferme Chamas",
        "date": D(2026, 4, 1),
        "enqueteur": "Maya S.",
        "forces": ["Disponibilité de fourrages", "Éleveurs expérimentés"],
        "faiblesses": ["Faible productivité laitière", "Matériel de traite vétuste"],
        "opportunites": [
            "Substitution des importations",
            "Demande croissante en produits laitiers locaux",
        ],
        "menaces": [
            "Instabilité politique et sécuritaire",
            "Contrebande à la frontière",
        ],
        "problemes": [
            "Fluctuation des prix du lait (4)",
            "Absence de chaîne du froid (5)",
            "Concurrence des importations de lait en poudre (3)",
            "Vol de bétail",
        ],
        "priorites": ["Créer un centre de collecte réfrigéré", "Sécuriser les étables"],
        "projets": [
            "Citerne réfrigérée partagée avec les voisins",
            "Clôture et éclairage des étables",
        ],
        "capacites": ["18 vaches", "Étable de 300 m²"],
        "attentes": ["Des débouchés stables", "Un appui de l'État"],
        "partenaires": [
            "Centre de collecte de Chmestar",
            "Coopérative Al Nour",
            "Semences et Fourrages du Nord",
        ],
        "volonte": 3,
        "capacite": 3,
        "canal": "collecteur privé",
        "credit": "non",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "Élevage Jaafar",
        "date": D(2026, 4, 2),
        "enqueteur": "Élie F.",
        "forces": [
            "Longue expérience de l'élevage laitier",
            "Main-d'œuvre familiale disponible",
        ],
        "faiblesses": [
            "Troupeau réduit",
            "Absence de comptabilité",
            "Trésorerie fragile",
        ],
        "opportunites": [
            "Financements de la coopération internationale",
            "Substitution des importations",
        ],
        "menaces": [
            "Instabilité sécuritaire",
            "Sécheresse et baisse des ressources en eau",
            "Contrebande de produits laitiers",
        ],
        "problemes": [
            "Prix du lait instable",
            "Coût élevé des aliments du bétail (5)",
            "Accès difficile au crédit (4)",
            "Routes dégradées en hiver (2)",
        ],
        "priorites": [
            "Accéder à des crédits adaptés",
            "Réduire le coût de l'alimentation",
        ],
        "projets": ["Achat de 5 vaches laitières", "Culture d'orge fourragère"],
        "capacites": ["10 vaches", "Pâturages communaux"],
        "attentes": ["Un accès au financement", "Un appui de l'État"],
        "partenaires": [
            "Coopérative laitière du Hermel",
            "Union des municipalités du Hermel",
        ],
        "volonte": "moyen",
        "capacite": 2,
        "canal": "coopérative",
        "credit": "non",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Coopérative laitière du Hermel",
        "date": D(2026, 4, 3),
        "enqueteur": "Élie F.",
        "forces": [
            "Solidarité entre les membres",
            "Savoir-faire traditionnel (labneh, kishk)",
        ],
        "faiblesses": [
            "Capacité de stockage frigorifique limitée",
            "Manque de fonds propres",
        ],
        "opportunites": [
            "Projets financés par les bailleurs (UE, FAO)",
            "Mise en réseau des acteurs de la filière",
        ],
        "menaces": [
            "Instabilité sécuritaire",
            "Maladies animales (fièvre aphteuse, brucellose)",
        ],
        "problemes": [
            "Manque de chaîne du froid (5)",
            "Prix des fourrages et concentrés en hausse (4)",
            "Crédits bancaires inaccessibles (4)",
        ],
        "priorites": [
            "Créer un centre de collecte réfrigéré",
            "Regrouper l'achat d'aliments",
        ],
        "projets": ["Centre de collecte de 3 000 L", "Achat groupé d'aliments"],
        "capacites": ["37 membres", "Local de 120 m²"],
        "attentes": [
            "Un accès au financement",
            "Une meilleure coordination des acteurs",
        ],
        "partenaires": [
            "Laiterie Baalbek Frais",
            "Union des municipalités du Hermel",
            "FAO",
        ],
        "volonte": "fort",
        "capacite": 3,
        "canal": "laiterie",
        "credit": "non",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Ferme Al Rabih",
        "date": D(2026, 4, 7),
        "enqueteur": "Rana K.",
        "forces": ["Expérience de l'élevage", "Disponibilité de fourrages"],
        "faiblesses": [
            "Exploitation de petite taille",
            "Manque de formation technique",
        ],
        "opportunites": [
            "Demande croissante en produits laitiers locaux",
            "Projet de cluster laitier",
        ],
        "menaces": ["Sécheresse", "Maladies animales"],
        "problemes": [
            "Prix du lait instable (4)",
            "Maladies du troupeau (brucellose) (3)",
            "Manque d'eau pour l'abreuvement en été (2)",
        ],
        "priorites": ["Améliorer la santé du troupeau", "Stabiliser le prix du lait"],
        "projets": ["Abreuvoirs automatiques", "Vaccination du troupeau"],
        "capacites": ["9 vaches", "2 ha de vesce-avoine"],
        "attentes": ["Un appui vétérinaire régulier", "Un prix du lait garanti"],
        "partenaires": [
            "Coopérative des éleveurs de Saghbine",
            "Clinique vétérinaire Al Rahma",
        ],
        "volonte": 3,
        "capacite": 2,
        "canal": "coopérative",
        "credit": "non",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "cooperative el amal",
        "date": D(2026, 4, 8),
        "enqueteur": "Karim H.",
        "forces": [
            "Large réseau d'éleveurs fournisseurs",
            "Cohésion du groupe",
            "Proximité du marché de Beyrouth",
        ],
        "faiblesses": [
            "Capacité de stockage frigorifique limitée",
            "Gestion peu rigoureuse",
        ],
        "opportunites": [
            "Projets financés par les bailleurs (UE, FAO)",
            "Dynamique de cluster et coopération",
            "Énergie solaire pour le refroidissement",
        ],
        "menaces": [
            "Crise économique et dévaluation de la livre",
            "Fraude au lait reconstitué",
        ],
        "problemes": [
            "Prix du lait instable (5)",
            "Manque de chaîne du froid (5)",
            "Accès difficile au crédit (3)",
            "Faible organisation des éleveurs (4)",
        ],
        "priorites": [
            "Créer un centre de collecte réfrigéré",
            "Stabiliser le prix du lait",
            "Former les éleveurs à l'hygiène de la traite",
        ],
        "projets": [
            "Centre de collecte collectif réfrigéré à Qab Elias",
            "Panneaux solaires pour les tanks",
        ],
        "capacites": ["85 membres", "2 tanks de 2 000 L", "Camion isotherme"],
        "attentes": [
            "Un accès au financement",
            "Des débouchés stables",
            "Une meilleure coordination des acteurs",
        ],
        "partenaires": [
            "Laiterie Taanayel-Sud",
            "Direction régionale de l'Agriculture – Békaa",
            "Institut de recherche laitière de la Békaa",
            "Banque Al Zira'a – agence de Chtaura",
        ],
        "volonte": 5,
        "capacite": 5,
        "canal": "laiterie",
        "credit": "oui",
        "association": "oui",
        "certification": "en cours",
    },
    {
        "acteur": "Coopérative des éleveurs de Saghbine",
        "date": D(2026, 4, 9),
        "enqueteur": "Karim H.",
        "forces": ["Solidarité entre les membres", "Éleveurs expérimentés"],
        "faiblesses": ["Équipements vétustes", "Manque de formation technique"],
        "opportunites": [
            "Label de qualité régional",
            "Mise en réseau des acteurs de la filière",
        ],
        "menaces": ["Concurrence des produits importés", "Crise économique"],
        "problemes": [
            "Prix du lait cru trop variable (5)",
            "manque de chaine du froid (4)",
            "Qualité hygiénique du lait cru insuffisante (3)",
        ],
        "priorites": [
            "Améliorer la qualité du lait",
            "Créer un centre de collecte réfrigéré",
        ],
        "projets": [
            "Laboratoire d'analyse rapide du lait",
            "Centre de collecte réfrigéré à Saghbine",
        ],
        "capacites": ["42 membres", "Tank de 1 500 L"],
        "attentes": ["Des formations pratiques", "Un prix du lait garanti"],
        "partenaires": [
            "Laiterie de la Békaa-Ouest",
            "Association des éleveurs de la Békaa-Ouest",
            "Direction régionale de l'Agriculture – Békaa",
        ],
        "volonte": "fort",
        "capacite": 4,
        "canal": "laiterie",
        "credit": "non",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Centre de collecte de Bar Elias",
        "date": D(2026, 4, 14),
        "enqueteur": "Maya S.",
        "forces": ["Proximité des marchés", "Réseau de fournisseurs fidèles"],
        "faiblesses": [
            "Stockage réfrigéré insuffisant",
            "Dépendance vis-à-vis d'un seul client",
        ],
        "opportunites": [
            "Énergie solaire pour le refroidissement",
            "Projet de cluster laitier",
        ],
        "menaces": ["Coût élevé de l'énergie", "Concurrence des produits importés"],
        "problemes": [
            "Rupture de la chaîne du froid pendant le transport (4)",
            "Retards de paiement des laiteries (4)",
            "Lait refusé par les laiteries",
        ],
        "priorites": [
            "Équiper les camions en froid",
            "Être payé à temps par les laiteries",
        ],
        "projets": ["Camion-citerne réfrigéré", "Analyseur de lait à la réception"],
        "capacites": ["Collecte de 4 t/jour", "60 éleveurs fournisseurs"],
        "attentes": ["Des débouchés stables", "Un accès au financement"],
        "partenaires": ["Laiterie Al Wadi", "Office régional du lait et des viandes"],
        "volonte": 2,
        "capacite": 3,
        "canal": "laiterie",
        "credit": "oui",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "Collecte laitière de Rayak",
        "date": "15/04/2026",
        "enqueteur": "Rana K.",
        "forces": [
            "Réseau de fournisseurs fidèles",
            "Proximité des marchés de Zahlé et Beyrouth",
        ],
        "faiblesses": ["Équipement ancien", "Trésorerie fragile"],
        "opportunites": [
            "Demande croissante en produits laitiers locaux",
            "Énergie solaire",
        ],
        "menaces": ["Coût de l'énergie et coupures d'électricité", "Crise économique"],
        "problemes": [
            "Prix du lait instable (4)",
            "Coupures d'électricité fréquentes (5)",
            "Concurrence entre collecteurs (3)",
        ],
        "priorites": ["Stabiliser le prix du lait", "Sécuriser l'électricité"],
        "projets": ["Groupe électrogène", "Second tank de 1 000 L"],
        "capacites": ["Collecte de 2,5 t/jour", "Camion isotherme"],
        "attentes": ["Un prix du lait garanti", "Un accès au financement"],
        "partenaires": ["Laiterie Taanayel-Sud", "Ferme Haddad"],
        "volonte": "faible",
        "capacite": 1,
        "canal": "laiterie",
        "credit": "non",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "Centre de collecte de Chmestar",
        "date": D(2026, 4, 16),
        "enqueteur": "Élie F.",
        "forces": ["Large réseau d'éleveurs fournisseurs", "Proximité des marchés"],
        "faiblesses": [
            "Capacité de stockage frigorifique limitée",
            "Gestion informelle, pas de comptabilité",
        ],
        "opportunites": ["Projet de cluster laitier", "Énergie solaire"],
        "menaces": ["Instabilité sécuritaire", "Hausse du prix du carburant"],
        "problemes": [
            "Pas de citernes réfrigérées (5)",
            "Faible volume collecté en hiver (3)",
            "Concurrence entre collecteurs",
        ],
        "priorites": ["Équiper les camions en froid", "Fidéliser les éleveurs"],
        "projets": ["Citerne réfrigérée de 3 000 L", "Panneaux solaires pour le tank"],
        "capacites": ["Collecte de 3 t/jour", "45 éleveurs fournisseurs"],
        "attentes": ["Un accès au financement", "Des débouchés stables"],
        "partenaires": ["Laiterie Baalbek Frais", "Ferme Chamas", "Ferme Tlais"],
        "volonte": 4,
        "capacite": 3,
        "canal": "laiterie",
        "credit": "non",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "Laiterie Taanayel-Sud",
        "date": D(2026, 4, 21),
        "enqueteur": "Karim H.",
        "forces": [
            "Équipements de transformation modernes",
            "Marque connue localement",
            "Savoir-faire fromager reconnu",
        ],
        "faiblesses": [
            "Dépendance vis-à-vis d'un seul client",
            "Capacité de stockage frigorifique limitée",
        ],
        "opportunites": [
            "Export vers les pays du Golfe",
            "Création d'un label « Békaa »",
            "Demande croissante en labneh et fromages locaux",
        ],
        "menaces": [
            "Concurrence des fromages importés",
            "Coût élevé de l'énergie",
            "Lait en poudre reconstitué vendu comme lait frais",
        ],
        "problemes": [
            "Prix du lait instable (3)",
            "Qualité hygiénique du lait cru insuffisante (5)",
            "Concurrence des importations de lait en poudre (4)",
            "Pénurie de techniciens fromagers qualifiés (3)",
        ],
        "priorites": [
            "Améliorer la qualité du lait",
            "Obtenir la certification ISO 22000",
            "Développer l'export",
        ],
        "projets": [
            "Nouvelle ligne de fromage halloumi",
            "Station de traitement des eaux usées",
        ],
        "capacites": [
            "Transformation de 20 t/jour",
            "Laboratoire interne",
            "Flotte de 6 camions frigorifiques",
        ],
        "attentes": [
            "Un label de qualité régional",
            "Des fournisseurs de lait de qualité",
        ],
        "partenaires": [
            "Coopérative El Amal",
            "Distribution Cèdre Frais",
            "Supermarchés Al Kamar",
            "Laboratoire d'analyses Qualilait",
            "Levant Dairy Export",
        ],
        "volonte": 4,
        "capacite": 5,
        "canal": "grande distribution",
        "credit": "oui",
        "association": "oui",
        "certification": "HACCP",
    },
    {
        "acteur": "LAITERIE AL WADI",
        "date": D(2026, 4, 22),
        "enqueteur": "Maya S.",
        "forces": [
            "Équipements modernes",
            "Réputation des produits laitiers de la Békaa",
        ],
        "faiblesses": [
            "Dépendance à un seul acheteur",
            "Formation technique insuffisante",
        ],
        "opportunites": [
            "Marchés d'exportation (Golfe, diaspora)",
            "Importations devenues chères avec la crise",
        ],
        "menaces": [
            "Concurrence des produits importés",
            "Crise économique et dévaluation de la livre",
        ],
        "problemes": [
            "qualité hygienique du lait cru insuffisante (5)",
            "Concurrence des importations de lait en poudre (5)",
            "Instabilité du prix du lait (3)",
        ],
        "priorites": ["Améliorer la qualité du lait", "Développer l'export"],
        "projets": [
            "Ligne de conditionnement de labneh en pots",
            "Certification halal pour l'export",
        ],
        "capacites": ["Transformation de 12 t/jour", "Chambre froide de 200 m³"],
        "attentes": ["Des fournisseurs de lait de qualité", "Un appui à l'export"],
        "partenaires": [
            "Centre de collecte de Bar Elias",
            "Supermarchés Al Kamar",
            "Levant Dairy Export",
        ],
        "volonte": "moyen",
        "capacite": 4,
        "canal": "grande distribution",
        "credit": "oui",
        "association": "oui",
        "certification": "ISO 22000",
    },
    {
        "acteur": "Fromagerie de  Chtaura",
        "date": "28/04/2026",
        "enqueteur": "Rana K.",
        "forces": ["Savoir-faire fromager reconnu", "Proximité du marché de Beyrouth"],
        "faiblesses": [
            "Équipements vétustes",
            "Capacité de stockage frigorifique limitée",
        ],
        "opportunites": [
            "Tourisme rural à Zahlé",
            "Indication géographique pour les fromages de la Békaa",
        ],
        "menaces": [
            "Concurrence des fromages importés",
            "Coût de l'énergie et coupures d'électricité",
        ],
        "problemes": [
            "Prix du lait instable (4)",
            "Lait cru contaminé (germes, antibiotiques) (4)",
            "Manque de chaîne du froid (3)",
            "Manque de main d'oeuvre qualifiée (3)",
        ],
        "priorites": ["Moderniser l'atelier", "Former le personnel"],
        "projets": ["Cave d'affinage", "Boutique de vente directe à Chtaura"],
        "capacites": ["Transformation de 3 t/jour", "28 salariés"],
        "attentes": ["Des formations pratiques", "Un label de qualité régional"],
        "partenaires": [
            "Coopérative El Amal",
            "Abou Ali Transport laitier",
            "Groupement des restaurateurs de Zahlé",
        ],
        "volonte": 4,
        "capacite": 3,
        "canal": "vente directe",
        "credit": "non",
        "association": "oui",
        "certification": "HACCP",
    },
    {
        "acteur": "Laiterie Baalbek Frais",
        "date": D(2026, 5, 5),
        "enqueteur": "Élie F.",
        "forces": ["Réseau de fournisseurs fidèles", "Marque connue localement"],
        "faiblesses": ["Équipement ancien", "Gestion peu rigoureuse"],
        "opportunites": ["Substitution des importations", "Projet de cluster laitier"],
        "menaces": ["Produits importés moins chers", "Instabilité sécuritaire"],
        "problemes": [
            "Qualité hygiénique du lait cru insuffisante (4)",
            "Concurrence du lait en poudre importé (4)",
            "Coût de l'emballage (3)",
        ],
        "priorites": ["Améliorer la qualité du lait", "Réduire les coûts d'emballage"],
        "projets": [
            "Achat d'un pasteurisateur à plaques",
            "Tournée de collecte vers le Hermel",
        ],
        "capacites": ["Transformation de 6 t/jour", "Chambre froide de 80 m³"],
        "attentes": ["Des fournisseurs de lait de qualité", "Un appui de l'État"],
        "partenaires": [
            "Centre de collecte de Chmestar",
            "Coopérative laitière du Hermel",
            "Grossiste alimentaire du Hermel",
        ],
        "volonte": 3,
        "capacite": 3,
        "canal": "grossiste",
        "credit": "oui",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "Coopérative Al Nour",
        "date": D(2026, 5, 6),
        "enqueteur": "Élie F.",
        "forces": ["Savoir-faire traditionnel (labneh, kishk)", "Cohésion du groupe"],
        "faiblesses": ["Manque de fonds propres", "Dépendance à un seul acheteur"],
        "opportunites": [
            "Demande croissante en labneh et fromages locaux",
            "Tourisme rural et gastronomique",
        ],
        "menaces": ["Concurrence des produits importés", "Crise économique"],
        "problemes": [
            "Concurrence des importations de lait en poudre (3)",
            "Manque de débouchés commerciaux (4)",
            "Emballages chers et peu disponibles",
        ],
        "priorites": ["Trouver de nouveaux débouchés", "Obtenir une certification"],
        "projets": ["Point de vente à Baalbek", "Atelier de séchage du kishk"],
        "capacites": ["30 membres", "Atelier de transformation de 80 m²"],
        "attentes": ["Des débouchés stables", "Des formations pratiques"],
        "partenaires": [
            "Lycée agricole de Baalbek",
            "Ferme Chamas",
            "Grossiste alimentaire du Hermel",
        ],
        "volonte": 4,
        "capacite": 3,
        "canal": "vente directe",
        "credit": "non",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Coopérative des femmes de Rachaya",
        "date": D(2026, 5, 12),
        "enqueteur": "Maya S.",
        "forces": [
            "Savoir-faire traditionnel",
            "Solidarité entre les membres",
            "Maîtrise des recettes traditionnelles",
        ],
        "faiblesses": ["Manque de fonds propres", "Absence de comptabilité"],
        "opportunites": [
            "Tourisme rural et gastronomique",
            "Demande croissante en produits laitiers locaux",
            "Programmes d'appui des bailleurs internationaux",
        ],
        "menaces": ["Concurrence des produits importés", "Sécheresse"],
        "problemes": [
            "Manque de débouchés commerciaux (3)",
            "Accès difficile au crédit pour les femmes (4)",
            "Faible visibilité des produits (3)",
        ],
        "priorites": ["Trouver de nouveaux débouchés", "Créer une marque commune"],
        "projets": ["Marque collective de kishk et labneh", "Stand au marché de Zahlé"],
        "capacites": ["24 membres", "Cuisine collective équipée"],
        "attentes": ["Des débouchés stables", "Un accès au financement"],
        "partenaires": [
            "ONG Terre et Lait",
            "Microfinance Ibdaa",
            "Institut de recherche laitière de la Békaa",
        ],
        "volonte": "très fort",
        "capacite": 4,
        "canal": "vente directe",
        "credit": "oui",
        "association": "oui",
        "certification": "bio",
        "style": "semicolon",
    },
    {
        "acteur": "Agro-Intrants Békaa",
        "date": D(2026, 5, 13),
        "enqueteur": "Rana K.",
        "forces": ["Réseau de fournisseurs fidèles", "Proximité des marchés"],
        "faiblesses": [
            "Trésorerie fragile",
            "Dépendance aux importations de soja et de maïs",
        ],
        "opportunites": [
            "Mise en réseau des acteurs de la filière",
            "Demande croissante en produits laitiers locaux",
        ],
        "menaces": [
            "Crise économique et dévaluation de la livre",
            "Hausse du prix du carburant",
        ],
        "problemes": [
            "Coût élevé des aliments du bétail importés (5)",
            "Impayés des éleveurs (4)",
            "Taxes à l'importation (2)",
        ],
        "priorites": [
            "Sécuriser les paiements",
            "Produire des aliments à base de fourrages locaux",
        ],
        "projets": [
            "Unité de fabrication d'aliments locale",
            "Vente à crédit via les coopératives",
        ],
        "capacites": ["Dépôt de 500 t", "18 salariés"],
        "attentes": [
            "Une meilleure coordination des acteurs",
            "Des paiements réguliers des éleveurs",
        ],
        "partenaires": ["Coopérative El Amal", "Ferme Abou Khalil"],
        "volonte": 3,
        "capacite": 3,
        "canal": "vente directe",
        "credit": "oui",
        "association": "oui",
        "certification": "aucune",
    },
    {
        "acteur": "Génétique Bovine Levant",
        "date": D(2026, 5, 19),
        "enqueteur": "Karim H.",
        "forces": ["Expérience de l'élevage", "Équipements modernes"],
        "faiblesses": ["Faible capacité financière", "Petite équipe technique"],
        "opportunites": [
            "Projets financés par les bailleurs (UE, FAO)",
            "Projet de cluster laitier",
        ],
        "menaces": [
            "Maladies animales (fièvre aphteuse, brucellose)",
            "Instabilité sécuritaire",
        ],
        "problemes": [
            "Faible productivité des races locales (3)",
            "Coût du transport des génisses importées (4)",
            "Manque de suivi vétérinaire",
        ],
        "priorites": [
            "Développer l'insémination artificielle",
            "Améliorer la génétique du troupeau",
        ],
        "projets": [
            "Centre d'insémination à Ali en Nahri",
            "Contrôle laitier dans 20 fermes pilotes",
        ],
        "capacites": ["2 inséminateurs", "Stock de semences"],
        "attentes": ["Un appui de l'État", "Des formations pratiques"],
        "partenaires": [
            "Élevage Saadé",
            "Ferme Haddad",
            "Clinique vétérinaire Al Rahma",
        ],
        "volonte": 4,
        "capacite": 2,
        "canal": "vente directe",
        "credit": "oui",
        "association": "non",
        "certification": "aucune",
    },
    {
        "acteur": "Distribution Cèdre Frais",
        "date": D(2026, 5, 20),
        "enqueteur": "Maya S.",
        "forces": [
            "Réseau de distribution dans toute la Békaa",
            "Camions frigorifiques",
        ],
        "faiblesses": [
            "Dépendance vis-à-vis d'un seul client",
            "Coût élevé du carburant des camions",
        ],
        "opportunites": [
            "Hausse de la demande en produits locaux",
            "Création d'un label « Békaa »",
        ],
        "menaces": ["Crise économique", "Coût élevé de l'énergie"],
        "problemes": [
            "Manque de chaîne du froid (4)",
            "Irrégularité des livraisons (4)",
            "Emballages peu attractifs (2)",
        ],
        "priorites": [
            "Garantir la régularité des livraisons",
            "Référencer plus de produits locaux",
        ],
        "projets": ["Entrepôt frigorifique à Zahlé", "Camions frigorifiques solaires"],
        "capacites": ["12 camions frigorifiques", "350 points de vente livrés"],
        "attentes": ["Un label de qualité régional", "Des débouchés stables"],
        "partenaires": [
            "Laiterie Taanayel-Sud",
            "Laiterie de la Békaa-Ouest",
            "Groupement des restaurateurs de Zahlé",
        ],
        "volonte": "fort",
        "capacite": 3,
        "canal": "grande distribution",
        "credit": "oui",
        "association": "non",
        "certification": "HACCP",
    },
    {
        "acteur": "Supermarchés Al Kamar",
        "date": "27/05/2026",
        "enqueteur": "Rana K.",
        "forces": ["Marque connue localement", "Réseau de distribution"],
        "faiblesses": [
            "Stockage réfrigéré insuffisant",
            "Peu de fournisseurs locaux référencés",
        ],
        "opportunites": [
            "Hausse de la demande en produits locaux",
            "Label de qualité régional",
        ],
        "menaces": [
            "Crise économique et dévaluation de la livre",
            "Produits importés moins chers",
        ],
        "problemes": [
            "Irrégularité de l'approvisionnement (4)",
            "Qualité variable des produits locaux (3)",
        ],
        "priorites": [
            "Référencer plus de produits locaux",
            "Garantir la régularité des livraisons",
        ],
        "projets": [
            "Rayon « produits de la Békaa »",
            "Contrats annuels avec les laiteries",
        ],
        "capacites": ["5 magasins", "150 salariés"],
        "attentes": ["Un label de qualité régional", "Des livraisons régulières"],
        "partenaires": ["Laiterie Taanayel-Sud", "Laiterie Al Wadi"],
        "volonte": 2,
        "capacite": 2,
        "canal": "grande distribution",
        "credit": "oui",
        "association": "non",
        "certification": "ISO 22000",
    },
    {
        "acteur": "Direction régionale de l'Agriculture – Békaa",
        "date": D(2026, 6, 2),
        "enqueteur": "Karim H.",
        "forces": [
            "Présence de techniciens dans chaque caza",
            "Légitimité institutionnelle",
        ],
        "faiblesses": [
            "Budget de fonctionnement réduit",
            "Manque de formation technique",
        ],
        "opportunites": [
            "Projets financés par les bailleurs (UE, FAO)",
            "Projet de cluster laitier",
        ],
        "menaces": [
            "Crise économique",
            "Maladies animales (fièvre aphteuse, brucellose)",
        ],
        "problemes": [
            "Qualité hygiénique du lait cru insuffisante (4)",
            "Faible organisation des éleveurs (4)",
            "Contrôles sanitaires insuffisants (3)",
        ],
        "priorites": [
            "Améliorer la qualité du lait",
            "Structurer les éleveurs en coopératives",
        ],
        "projets": ["Campagne de vaccination contre la fièvre aphteuse"],
        "capacites": ["12 techniciens", "Réseau de vulgarisation"],
        "attentes": [
            "Une meilleure coordination des acteurs",
            "Des éleveurs organisés en coopératives",
        ],
        "partenaires": [
            "Coopérative El Amal",
            "Institut de recherche laitière de la Békaa",
            "Office régional du lait et des viandes",
            "FAO",
        ],
        "volonte": 5,
        "capacite": 4,
        "canal": None,
        "credit": None,
        "association": "non",
        "certification": None,
    },
    {
        "acteur": "Association des consommateurs de la Békaa",
        "date": D(2026, 6, 4),
        "enqueteur": "Maya S.",
        "forces": ["Large base d'adhérents", "Relais dans les médias locaux"],
        "faiblesses": ["Faible capacité financière", "Bénévolat uniquement"],
        "opportunites": [
            "Hausse de la demande en produits locaux",
            "Création d'un label « Békaa »",
        ],
        "menaces": ["Fraude au lait reconstitué", "Crise économique"],
        "problemes": [
            "Qualité hygiénique du lait cru insuffisante",
            "Fraude au lait reconstitué (5)",
            "Prix des produits laitiers élevés pour les ménages (4)",
        ],
        "priorites": ["Informer les consommateurs", "Lutter contre la fraude"],
        "projets": ["Campagne « Consommez local »", "Tests de lait en magasin"],
        "capacites": ["300 adhérents", "Permanence hebdomadaire à Zahlé"],
        "attentes": [
            "Un label de qualité régional",
            "Des contrôles sanitaires renforcés",
        ],
        "partenaires": [
            "Direction régionale de l'Agriculture – Békaa",
            "Supermarchés Al Kamar",
        ],
        "volonte": "moyen",
        "capacite": 2,
        "canal": None,
        "credit": None,
        "association": "oui",
        "certification": None,
    },
    {
        "acteur": "Institut de recherche laitière de la Békaa",
        "date": D(2026, 6, 9),
        "enqueteur": "Élie F.",
        "forces": [
            "Laboratoire d'analyse du lait",
            "Chercheurs spécialisés en élevage",
        ],
        "faiblesses": [
            "Budget de fonctionnement réduit",
            "Faible présence sur le terrain",
        ],
        "opportunites": [
            "Projets financés par les bailleurs (UE, FAO)",
            "Dynamique de cluster et coopération",
        ],
        "menaces": ["Crise économique", "Changement climatique"],
        "problemes": [
            "Éleveurs peu organisés (3)",
            "Faible transfert des résultats de recherche (3)",
            "Manque de budget de recherche (4)",
        ],
        "priorites": [
            "Former les éleveurs à l'hygiène de la traite",
            "Diffuser les résultats de recherche",
        ],
        "projets": ["Fermes de démonstration", "Guide de bonnes pratiques d'élevage"],
        "capacites": ["Laboratoire accrédité", "40 chercheurs et techniciens"],
        "attentes": [
            "Une meilleure coordination des acteurs",
            "Des financements de recherche",
        ],
        "partenaires": [
            "Coopérative El Amal",
            "Laiterie Taanayel-Sud",
            "Université de la Bekaa – Faculte d'agronomie",
        ],
        "volonte": 5,
        "capacite": 4,
        "canal": None,
        "credit": None,
        "association": "oui",
        "certification": None,
    },
    {
        "acteur": "Banque Al Zira'a – agence de Chtaura",
        "date": D(2026, 6, 16),
        "enqueteur": "Rana K.",
        "forces": ["Présence en zone rurale", "Expérience du crédit agricole"],
        "faiblesses": [
            "Offre de crédit peu adaptée à l'élevage",
            "Taux d'intérêt élevés",
        ],
        "opportunites": [
            "Programmes d'appui des bailleurs internationaux",
            "Dynamique de cluster et coopération",
        ],
        "menaces": [
            "Crise économique et dévaluation de la livre",
            "Instabilité politique et sécuritaire",
        ],
        "problemes": [
            "Absence de garanties des éleveurs (4)",
            "Comptabilité informelle des exploitations (3)",
            "Risque élevé du secteur agricole",
        ],
        "priorites": ["Créer un fonds de garantie", "Accompagner les coopératives"],
        "projets": [
            "Ligne de crédit pour équipements de froid",
            "Formation à la gestion financière",
        ],
        "capacites": ["Agence de Chtaura", "Conseillers agricoles"],
        "attentes": [
            "Un fonds de garantie public ou international",
            "Des éleveurs tenant une comptabilité",
        ],
        "partenaires": ["Coopérative El Amal", "Laiterie Taanayel-Sud"],
        "volonte": "faible",
        "capacite": 3,
        "canal": None,
        "credit": None,
        "association": "non",
        "certification": None,
    },
    {
        "acteur": "Fromagerie Wadi el Taym",
        "date": D(2026, 6, 24),
        "enqueteur": "Karim H.",
        "forces": ["Savoir-faire fromager reconnu"],
        "faiblesses": ["Exploitation de petite taille", "Équipements vétustes"],
        "opportunites": ["Tourisme rural et gastronomique"],
        "menaces": ["Coût de l'énergie et coupures d'électricité"],
        "problemes": [
            "prix du lait instable (3)",
            "Coupures d'électricité fréquentes (4)",
        ],
        "priorites": ["Moderniser l'atelier"],
        "projets": ["Groupe électrogène solaire"],
        "capacites": ["Transformation de 1 t/jour"],
        "attentes": ["Un accès au financement"],
        "partenaires": ["Ferme Dib", "Pharmacie vétérinaire Al Shifa"],
        "volonte": 3,
        "capacite": 2,
        "canal": "vente directe",
        "credit": "non",
        "association": "non",
        "certification": "aucune",
    },
]

PROBLEM_COLUMNS = ["Acteur", "Problème", "Sévérité"]

# Extra problems raised in workshops (AP), long form; actor by ID or by name.
WORKSHOP_PROBLEMS = [
    ("A013", "Prix du lait instable", 5),
    ("A019", "Manque de chaîne du froid", 5),
    ("Microfinance Ibdaa", "Accès difficile au crédit", 3),
    ("A051", "Qualité hygiénique du lait cru insuffisante", 5),
    ("Ferme Dib", "Coût élevé des aliments du bétail", 4),
    (
        "Atelier de labneh Oum Georges",
        "Concurrence des importations de lait en poudre",
        3,
    ),
    ("A048", "Faible organisation des éleveurs", 4),
    (
        "Lycée agricole de Baalbek",
        "Inadéquation des formations aux besoins de la filière",
        3,
    ),
    ("A022", "Prix du lait instable", 4),
    ("A038", "Absence de label de qualité régional", 3),
    ("A001", "Coupures d'électricité fréquentes", 3),
    ("Distribution Cèdre Frais", "Irrégularité des livraisons", None),
    ("A047", "Manque de coordination entre acteurs de la filière", 4),
    ("A002", "Manque de chaîne du froid", 5),
    ("laiterie al wadi", "Qualité hygiénique du lait cru insuffisante", 4),
    ("A045", "Absence de garanties des éleveurs", 4),
]

# ---------------------------------------------------------------------------
# 3. Action plan
# ---------------------------------------------------------------------------
ACTION_COLUMNS = [
    "Titre",
    "Description",
    "Problème",
    "Phase",
    "Responsable",
    "Partenaires",
    "Début",
    "Fin",
    "Budget",
    "Source de financement",
    "Statut",
    "Avancement",
    "État du financement",
]

# Phase 0 is typed as the number 0, as Excel stores it; the others are text.
ACTIONS = [
    {
        "titre": "Constitution de la cellule technique",
        "description": "Désignation de l'équipe de coordination, termes de référence, "
        "planning et grille des entretiens, organisation des travaux",
        "probleme": "Faible organisation des éleveurs",
        "phase": 0,
        "responsable": "Direction régionale de l'Agriculture – Békaa",
        "partenaires": [
            "Institut de recherche laitière de la Békaa",
            "AgroConseil Levant",
        ],
        "debut": D(2026, 1, 5),
        "fin": D(2026, 2, 27),
        "budget": 12000,
        "source": "Ministère de l'Agriculture",
        "statut": "terminée",
        "avancement": 100,
        "financement": "obtenu",
    },
    {
        "titre": "Étude de positionnement du cluster laitier",
        "description": "Synthèse des études existantes sur la filière lait, enseignements "
        "des expériences internationales, architecture et portefeuille d'activités du cluster",
        "probleme": "Prix du lait instable",
        "phase": 0,
        "responsable": "AgroConseil Levant",
        "partenaires": [
            "Direction régionale de l'Agriculture – Békaa",
            "Université de la Békaa – Faculté d'agronomie",
        ],
        "debut": D(2026, 1, 19),
        "fin": D(2026, 5, 29),
        "budget": 45000,
        "source": "ENPI CBC MED",
        "statut": "terminée",
        "avancement": 100,
        "financement": "obtenu",
    },
    {
        "titre": "Inventaire des acteurs et campagne d'entretiens",
        "description": "Identification des acteurs clés du territoire, 30 entretiens "
        "(forces, faiblesses, capacités, priorités, projets), base de données acteurs",
        "probleme": "Faible organisation des éleveurs",
        "phase": "I",
        "responsable": "Institut de recherche laitière de la Békaa",
        "partenaires": [
            "AgroConseil Levant",
            "Association des éleveurs de la Békaa-Ouest",
            "ONG Terre et Lait",
        ],
        "debut": D(2026, 3, 2),
        "fin": D(2026, 6, 30),
        "budget": 30000,
        "source": "Union européenne",
        "statut": "terminée",
        "avancement": 100,
        "financement": "obtenu",
    },
    {
        "titre": "Atelier participatif AP1 : validation de la plateforme opérationnelle",
        "description": "Restitution des entretiens, identification des problèmes communs "
        "et délimitation du champ d'action avec les acteurs leaders",
        "probleme": "Faible organisation des éleveurs",
        "phase": "I",
        "responsable": "ONG Terre et Lait",
        "partenaires": [
            "Coopérative El Amal",
            "Laiterie Taanayel-Sud",
            "Direction régionale de l'Agriculture – Békaa",
        ],
        "debut": D(2026, 7, 6),
        "fin": D(2026, 7, 17),
        "budget": 8000,
        "source": "fonds propres",
        "statut": "terminée",
        "avancement": 100,
        "financement": "acquis",
    },
    {
        "titre": "Capitalisation des savoir-faire fromagers traditionnels",
        "description": "Inventaire et fiches techniques des produits traditionnels "
        "(labneh, kishk, fromage baladi), échanges d'expériences entre coopératives",
        "probleme": "Concurrence des importations de lait en poudre",
        "phase": "II",
        "responsable": "Coopérative des femmes de Rachaya",
        "partenaires": [
            "Université de la Békaa – Faculté d'agronomie",
            "ONG Terre et Lait",
            "Coopérative Al Nour",
        ],
        "debut": D(2026, 6, 1),
        "fin": D(2027, 3, 31),
        "budget": 35000,
        "source": "Union européenne",
        "statut": "en cours",
        "avancement": 45,
        "financement": "obtenu",
    },
    {
        "titre": "Guide de bonnes pratiques d'hygiène de la traite et du transport du lait",
        "description": "Rédaction et diffusion d'un guide, analyses de lait cru de référence, "
        "sessions de démonstration dans les centres de collecte",
        "probleme": "Qualité hygiénique du lait cru insuffisante",
        "phase": "II",
        "responsable": "Laboratoire d'analyses Qualilait",
        "partenaires": [
            "Clinique vétérinaire Al Rahma",
            "Institut de recherche laitière de la Békaa",
            "Centre de collecte de Bar Elias",
        ],
        "debut": D(2026, 5, 4),
        "fin": D(2026, 10, 30),
        "budget": 22000,
        "source": "FAO",
        "statut": "en cours",
        "avancement": 60,
        "financement": "obtenu",
    },
    {
        "titre": "Analyse stratégique des acteurs et concertation sur le prix du lait",
        "description": "Positions des acteurs sur les objectifs du cluster, convergences et "
        "divergences, proposition d'un mécanisme interprofessionnel de prix",
        "probleme": "Prix du lait instable",
        "phase": "III",
        "responsable": "AgroConseil Levant",
        "partenaires": [
            "Coopérative El Amal",
            "Laiterie Taanayel-Sud",
            "Laiterie Al Wadi",
            "Office régional du lait et des viandes",
        ],
        "debut": D(2026, 9, 1),
        "fin": D(2027, 2, 26),
        "budget": 40000,
        "source": "Union européenne",
        "statut": "en cours",
        "avancement": 25,
        "financement": "obtenu",
    },
    {
        "titre": "Équipe d'animation et gouvernance du cluster",
        "description": "Recrutement d'un animateur, statuts et comité de pilotage du cluster, "
        "règlement intérieur, séminaire national de lancement",
        "probleme": "Faible organisation des éleveurs",
        "phase": "IV",
        "responsable": "ONG Terre et Lait",
        "partenaires": [
            "Direction régionale de l'Agriculture – Békaa",
            "Coopérative El Amal",
            "Association des éleveurs de la Békaa-Ouest",
        ],
        "debut": D(2027, 1, 4),
        "fin": D(2027, 12, 17),
        "budget": 95000,
        "source": "Union européenne",
        "statut": "planifiée",
        "avancement": 0,
        "financement": "demandé",
    },
    {
        "titre": "Programme de formation des éleveurs et des techniciens fromagers",
        "description": "Modules hygiène de la traite, alimentation du troupeau, gestion "
        "d'exploitation et technologie fromagère ; formation par l'action",
        "probleme": "Manque de main-d'œuvre qualifiée",
        "phase": "IV",
        "responsable": "Lycée agricole de Baalbek",
        "partenaires": [
            "Institut de recherche laitière de la Békaa",
            "Université de la Békaa – Faculté d'agronomie",
            "Coopérative Al Nour",
        ],
        "debut": D(2027, 2, 1),
        "fin": D(2027, 11, 30),
        "budget": 60000,
        "source": "Ministère de l'Agriculture",
        "statut": "planifiée",
        "avancement": 0,
        "financement": "sollicité",
    },
    {
        "titre": "Centre de collecte collectif réfrigéré de Qab Elias",
        "description": "Tanks réfrigérés de 6 000 L, panneaux solaires, citerne isotherme "
        "et laboratoire de contrôle à la réception (chaîne du froid collective)",
        "probleme": "Manque de chaîne du froid",
        "phase": "IV",
        "responsable": "Coopérative El Amal",
        "partenaires": [
            "Municipalité de Qab Elias",
            "Centre de collecte de Bar Elias",
            "Laiterie Taanayel-Sud",
        ],
        "debut": D(2026, 10, 1),
        "fin": D(2027, 9, 30),
        "budget": 240000,
        "source": "Union européenne",
        "statut": "bloquée",
        "avancement": 5,
        "financement": "refusé",
    },
    {
        "titre": "Fonds de garantie pour le crédit aux éleveurs",
        "description": "Fonds de garantie partielle des prêts d'équipement des éleveurs "
        "et des coopératives, accompagnement à la tenue d'une comptabilité",
        "probleme": "Accès difficile au crédit",
        "phase": "IV",
        "responsable": "Banque Al Zira'a – agence de Chtaura",
        "partenaires": [
            "Microfinance Ibdaa",
            "Coopérative El Amal",
            "Coopérative des éleveurs de Saghbine",
        ],
        "debut": D(2027, 3, 1),
        "fin": D(2027, 12, 31),
        "budget": 150000,
        "source": "banque",
        "statut": "planifiée",
        "avancement": 0,
        "financement": "prévu",
    },
    {
        "titre": "Marketing, label « Lait de la Békaa » et réseaux",
        "description": "Cahier des charges d'un label collectif, promotion au Liban et à "
        "l'export, développement des réseaux avec la distribution et la restauration",
        "probleme": "Concurrence des importations de lait en poudre",
        "phase": "IV",
        "responsable": "Laiterie Taanayel-Sud",
        "partenaires": [
            "Distribution Cèdre Frais",
            "Supermarchés Al Kamar",
            "Levant Dairy Export",
            "Groupement des restaurateurs de Zahlé",
        ],
        "debut": D(2027, 4, 1),
        "fin": D(2027, 12, 15),
        "budget": 70000,
        "source": "FAO",
        "statut": "planifiée",
        "avancement": 0,
        "financement": "demandé",
    },
]

# ---------------------------------------------------------------------------
# 4. The analysis, as the team left it after AP1, AP2 and CP1
# ---------------------------------------------------------------------------
# Made by clusterlab's own functions (the ones the app calls) on a temporary store
# holding the three workbooks above, then written as a project workbook that
# carries only what the analysis added: the action it sent to the plan, the report
# sheets and the hidden "clusterlab" sheet. Dates are fixed (the workshops'), never
# today's, so the file is the same at every run.

# Wordings a person groups by hand (field, theme, texts as typed in the interviews);
# the look-alike wordings the app proposes are accepted first, under their first text.
HAND_THEMES = [
    ("strengths", "Expérience de l'élevage laitier",
     ["Expérience de l'élevage", "Longue expérience de l'élevage laitier", "Éleveurs expérimentés"]),
    ("strengths", "Savoir-faire fromager traditionnel",
     ["Savoir-faire fromager reconnu", "Savoir-faire traditionnel",
      "Savoir-faire traditionnel (labneh, kishk)"]),
    ("weaknesses", "Stockage frigorifique insuffisant",
     ["Capacité de stockage frigorifique limitée", "Stockage réfrigéré insuffisant"]),
    ("weaknesses", "Dépendance à un seul acheteur",
     ["Dépendance vis-à-vis d'un seul client", "Dépendance à un seul acheteur"]),
    ("opportunities", "Demande croissante en produits laitiers locaux",
     ["Demande croissante en produits laitiers locaux", "Hausse de la demande en produits locaux",
      "Demande croissante en labneh et fromages locaux"]),
    ("opportunities", "Label de qualité « Békaa »",
     ["Création d'un label « Békaa »", "Label de qualité régional"]),
    ("threats", "Crise économique",
     ["Crise économique", "Crise économique et dévaluation de la livre"]),
    ("threats", "Coût de l'énergie",
     ["Coût élevé de l'énergie", "Coût de l'énergie et coupures d'électricité"]),
]

# Typed in the room at AP1 (no actor: said by the participant named).
ROOM_ITEMS = [
    ("opportunities", "Lait à l'école : cantines scolaires de la Békaa", "Rania Haddad (AP1)"),
    ("threats", "Départ des jeunes vers Beyrouth et l'étranger", "Georges Khoury (AP1)"),
]

# Leaders chosen by hand at AP1, with the reason (actor, leader or not, reason).
LEADER_CHOICES = [
    ("A005", True, "Porte-parole des petits éleveurs de Békaa-Ouest, choisi en AP1"),
    ("A038", False, "Institution d'appui : accompagne le cluster sans le piloter (AP1)"),
]

# Options of the cross matrix (combination, theme A, theme B, option, author); the first is sent to the plan.
OPTIONS = [
    ("SO", "Réseau de fournisseurs fidèles", "Demande croissante en produits laitiers locaux",
     "Contrats d'approvisionnement groupés entre coopératives et laiteries", "Cellule technique"),
    ("ST", "Proximité des marchés", "Concurrence des produits importés",
     "Circuits courts vers Beyrouth : marchés de producteurs et vente directe des coopératives", "AP1"),
    ("WT", "Stockage frigorifique insuffisant", "Coût de l'énergie",
     "Groupement d'achat d'énergie solaire pour les centres de collecte", "AP1"),
    ("WO", "Dépendance à un seul acheteur", "Projet de cluster laitier",
     "Bourse du lait : mise en relation des éleveurs avec plusieurs laiteries", "AP1"),
]
# What the plan says of the option sent to it (plan.update, as the programme manager edits it).
SENT_ACTION = {
    "problem": "Prix du lait instable", "phase": "IV", "owner": "Coopérative El Amal",
    "partners": "Laiterie Taanayel-Sud; Coopérative El Amal",
    "start": D(2027, 1, 11), "end": D(2027, 6, 30), "budget": 18000.0, "funding_source": "FAO",
    "funding_status": "demandé", "status": "candidate", "progress": 0.0,
    "indicator": "Éleveurs sous contrat", "indicator_target": 60.0, "indicator_value": 0.0,
}

# Pairs of problems compared at CP1 (a, b, the one that matters more).
PAIRS = [
    ("Prix du lait instable", "Manque de chaîne du froid", "Prix du lait instable"),
    ("Manque de chaîne du froid", "Qualité hygiénique du lait cru insuffisante", "Manque de chaîne du froid"),
    ("Prix du lait instable", "Qualité hygiénique du lait cru insuffisante", "Prix du lait instable"),
    ("Faible organisation des éleveurs", "Accès difficile au crédit", "Faible organisation des éleveurs"),
]

# The dot vote of AP2: 14 participants, 5 dots each, then closed.
VOTE_TITLE = "AP2 — problèmes prioritaires du cluster"
VOTE_PROBLEMS = [
    "Prix du lait instable",
    "Manque de chaîne du froid",
    "Qualité hygiénique du lait cru insuffisante",
    "Faible organisation des éleveurs",
    "Accès difficile au crédit",
]
BALLOTS = [  # dots per problem, in the order above
    (3, 2, 0, 0, 0), (2, 1, 1, 1, 0), (2, 2, 1, 0, 0), (1, 2, 2, 0, 0), (3, 0, 1, 0, 1),
    (0, 3, 2, 0, 0), (2, 0, 0, 2, 1), (1, 1, 1, 1, 1), (2, 2, 0, 1, 0), (0, 2, 3, 0, 0),
    (3, 1, 0, 0, 1), (1, 0, 2, 2, 0), (2, 1, 1, 0, 1), (0, 2, 1, 2, 0),
]

# The short list decided at CP1, with its reasons.
SHORTLIST = [
    ("Prix du lait instable", "Cité par le plus d'acteurs, premier au vote d'AP2 et aux comparaisons"),
    ("Manque de chaîne du froid", "Conditionne la collecte et la qualité ; porté par les leaders"),
    ("Qualité hygiénique du lait cru insuffisante", "Ferme l'accès aux laiteries et aux marchés urbains"),
    ("Faible organisation des éleveurs", "Transversal : sans organisation des éleveurs, pas de cluster"),
]

# Two perimeter scenarios; the first is validated by CP1.
SCENARIOS = [
    {"name": "Noyau Zahlé – Békaa-Ouest", "regions": ["Zahlé", "Békaa-Ouest"],
     "stages": ["intrants", "production", "collecte", "transformation", "appui"],
     "author": "Cellule technique",
     "rationale": "Là où se concentrent éleveurs, laiteries et leaders ; animation possible avec l'équipe actuelle"},
    {"name": "Toute la Békaa, de la ferme au consommateur",
     "regions": ["Zahlé", "Békaa-Ouest", "Baalbek", "Hermel", "Rachaya"], "author": "AP2",
     "rationale": "Couverture maximale, au prix d'une animation plus lourde et de distances longues"},
]
# Governance (issue 16): the bodies (kind, name, mandate, start) and their members (actor, role, person).
BODIES = [
    ("CP", "Comité de pilotage du cluster laitier",
     "Orienter la démarche ; valider le périmètre, les problèmes retenus et le plan d'actions", D(2026, 6, 1),
     [("A038", "chair", "Dr Nabil Harb"), ("A039", "member", "Mme Rima Khoury"), ("A013", "member", "Elie Sfeir"),
      ("A022", "member", "Georges Maalouf"), ("A045", "observer", "Samir Abi Nader"),
      ("A047", "secretary", "Lina Ghanem")]),
    ("TC", "Cellule technique",
     "Préparer et animer les ateliers, coder le SWOT, suivre les décisions", D(2026, 6, 1),
     [("A050", "chair", "Karim Daher"), ("A042", "member", "Dr Hala Nasr"), ("A047", "member", "Lina Ghanem"),
      ("A048", "member", "Walid Chahine")]),
]
# The meetings (kind, title, date, place, body index or None); the plan's calendar shows them.
MEETINGS = [
    ("AP", "AP1 : validation de la plateforme et du SWOT", D(2026, 7, 16), "Zahlé, Chambre d'agriculture", None),
    ("TC", "Cellule technique : préparation de l'AP2", D(2026, 8, 20), "Chtaura, AgroConseil Levant", 1),
    ("AP", "AP2 : vote sur les problèmes prioritaires", D(2026, 9, 10), "Zahlé, Chambre d'agriculture", None),
    ("CP", "CP1 : périmètre et problèmes retenus", D(2026, 9, 15), "Zahlé, Direction régionale", 0),
    ("SN", "Séminaire national de restitution", D(2027, 6, 17), "Beyrouth", None),
]
# Who came (meeting index: present, excused, absent), typed from the paper lists; AP2's participants checked in
# from their phones (one organisation typed, not yet an actor). Two actors invited twice and absent twice drift.
ATTENDANCE = {
    0: (["A001", "A005", "A013", "A015", "A018", "A022", "A027", "A038", "A042", "A047", "A048", "A050"],
        ["A045"], ["A019", "A046"]),
    1: (["A050", "A042", "A047", "A048"], [], []),
    3: (["A038", "A039", "A013", "A022", "A047"], ["A045"], []),
}
AP2_CHECKINS = ["A001", "A002", "A005", "A013", "A014", "A015", "A018", "A022", "A023", "A027", "A038", "A047",
                "A050", None]
AP2_ABSENT = ["A019", "A046", "A045"]
AP2_TYPED = ("Coopérative laitière de Kfarzabad", "Hanane Saleh")
# What was decided (meeting index, text, kind, target, owner, due, status); the CP's perimeter decision validates
# the first scenario (its target is set when the scenario is saved).
DECISIONS = [
    (0, "Thèmes du SWOT validés ; leaders confirmés ; trois options stratégiques", "note", None, None, None, "done"),
    (1, "Préparer le vote à cinq points de l'AP2 et son QR code", "note", None, "Cellule technique", D(2026, 9, 5),
     "done"),
    (2, "Vote à cinq points, 14 participants", "note", None, None, None, "done"),
    (3, "Périmètre pilote pour deux ans ; élargissement à Baalbek-Hermel à revoir en CP2", "perimeter", "scenario",
     "Comité de pilotage (CP1)", None, "done"),
    (3, "Quatre problèmes retenus", "shortlist", None, None, None, "done"),
    (3, "Mener la collecte groupée jusqu'à fin juin 2027", "action", "sent", "Coopérative El Amal", D(2027, 6, 30),
     "open"),
    (3, "Présenter le crédit de campagne aux éleveurs", "note", None, "Banque Al Zira'a – agence de Chtaura",
     D(2026, 10, 31), "open"),
]

# When each kind of analysis row was made (the workshops' dates): (table, column, first moment).
MOMENTS = [
    ("themes", "created_at", dt.datetime(2026, 7, 20, 9, 0)),
    ("items", "added_at", dt.datetime(2026, 7, 16, 11, 0)),
    ("leader_overrides", "decided_at", dt.datetime(2026, 7, 16, 15, 0)),
    ("cross_options", "created_at", dt.datetime(2026, 7, 16, 16, 0)),
    ("perimeters", "created_at", dt.datetime(2026, 9, 1, 9, 0)),
    ("votes", "created_at", dt.datetime(2026, 9, 10, 10, 0)),
    ("voters", "voted_at", dt.datetime(2026, 9, 10, 10, 5)),
    ("pairwise", "decided_at", dt.datetime(2026, 9, 15, 9, 30)),
    ("shortlist", "decided_at", dt.datetime(2026, 9, 15, 11, 0)),
    ("perimeter_validations", "decided_at", dt.datetime(2026, 9, 15, 12, 0)),
    ("influences", "decided_at", dt.datetime(2026, 10, 6, 9, 0)),
    ("positions", "decided_at", dt.datetime(2026, 10, 6, 14, 0)),
    ("changes", "changed_at", dt.datetime(2026, 7, 15, 8, 0)),  # the history of who did what, in order
]
TEAM = "Cellule technique"  # who the store records for each change
# Phase III: the short list's problems made objectives, worded as aims, with their stakes (in order)
OBJECTIVE_WORDING = [
    ("Stabiliser le prix du lait payé aux éleveurs", "Revenu des éleveurs"),
    ("Équiper la collecte d'une chaîne du froid continue", "Qualité et pertes"),
    ("Améliorer la qualité hygiénique du lait cru", "Qualité et pertes"),
    ("Organiser les éleveurs en groupements actifs", "Organisation de la filière"),
]
# Positions the room set by hand on the objectives (after the proposals): the collectors and the dairies who
# lose from the contracts and the short circuits say so
MAO_ROOM = [
    ("A018", "OBJ0005", -2), ("A020", "OBJ0005", -2), ("A022", "OBJ0006", -2), ("A023", "OBJ0006", -2),
    ("A027", "OBJ0006", -1), ("A024", "OBJ0006", -1), ("A023", "OBJ0001", -1), ("A013", "OBJ0005", 3),
    ("A016", "OBJ0006", 4), ("A038", "OBJ0001", 2), ("A039", "OBJ0003", 3), ("A045", "OBJ0004", 1),
]


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------
DATE_FORMAT = "DD/MM/YYYY"
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def format_list(items: list[str], style: str) -> str:
    """Join list items the way a field team would type them in one cell."""
    if style == "semicolon":
        return "; ".join(items)
    if style == "newline":
        return "\n".join(items)
    if style == "dash":
        return "\n".join(f"- {item}" for item in items)
    if style == "bullet":
        return "\n".join(f"• {item}" for item in items)
    raise ValueError(f"unknown list style: {style}")


def write_header(ws, row: int, columns: list[str]) -> None:
    for col, title in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font = BOLD


def set_widths(ws, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "clusterlab (données de démonstration)"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def save_reproducible(wb: Workbook, path: Path) -> None:
    """Save, then rewrite the zip with fixed timestamps so reruns are byte-identical."""
    buffer = io.BytesIO()
    wb.save(buffer)
    save_reproducible_bytes(buffer.getvalue(), path)


def save_reproducible_bytes(saved: bytes, path: Path) -> None:
    """Write a saved workbook with fixed timestamps (its zip entries and its properties)."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with (
        zipfile.ZipFile(io.BytesIO(saved)) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text
                )
                text = re.sub(
                    r"(<dcterms:created[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text
                )
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)


def write_actors(path: Path) -> None:
    wb = new_workbook()

    ws = wb.create_sheet("Acteurs")
    write_header(ws, 1, ACTOR_COLUMNS)
    for actor in ACTORS:
        ws.append(list(actor))
    for row in ws.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in row:
            cell.number_format = "0.0000"
    set_widths(ws, [7, 44, 22, 15, 15, 13, 10, 10, 9, 10, 9, 34])
    ws.freeze_panes = "C2"

    ws = wb.create_sheet("Relations")
    write_header(ws, 1, RELATION_COLUMNS)
    for relation in RELATIONS:
        ws.append(list(relation))
    set_widths(ws, [36, 44, 14, 8])
    ws.freeze_panes = "A2"

    save_reproducible(wb, path)


def write_interviews(path: Path) -> None:
    wb = new_workbook()

    ws = wb.create_sheet("Grille d'entretien")
    ws.cell(row=1, column=1, value=INTERVIEW_TITLE_ROWS[0]).font = Font(
        bold=True, size=14
    )
    ws.cell(row=2, column=1, value=INTERVIEW_TITLE_ROWS[1]).font = Font(
        bold=True, size=12
    )
    header_row = 4  # row 3 left blank
    write_header(ws, header_row, [title for title, _ in INTERVIEW_COLUMNS])
    for offset, interview in enumerate(INTERVIEWS, start=1):
        row = header_row + offset
        style = interview.get("style", INTERVIEWERS[interview["enqueteur"]])
        for col, (_, key) in enumerate(INTERVIEW_COLUMNS, start=1):
            value = interview.get(key)
            if key in LIST_KEYS and value is not None:
                value = format_list(value, style)
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            cell.alignment = WRAP if key in LIST_KEYS else TOP
    set_widths(ws, [40, 12, 11] + [42] * 10 + [12, 12, 20, 12, 16, 14])
    ws.freeze_panes = ws.cell(row=header_row + 1, column=2)

    ws = wb.create_sheet("Problèmes")
    write_header(ws, 1, PROBLEM_COLUMNS)
    for problem in WORKSHOP_PROBLEMS:
        ws.append(list(problem))
    set_widths(ws, [36, 55, 10])
    ws.freeze_panes = "A2"

    save_reproducible(wb, path)


def write_actions(path: Path) -> None:
    wb = new_workbook()
    ws = wb.create_sheet("Plan d'actions")
    write_header(ws, 1, ACTION_COLUMNS)
    for action in ACTIONS:
        ws.append(
            [
                action["titre"],
                action["description"],
                action["probleme"],
                action["phase"],
                action["responsable"],
                "; ".join(action["partenaires"]),
                action["debut"],
                action["fin"],
                action["budget"],
                action["source"],
                action["statut"],
                action["avancement"],
                action["financement"],
            ]
        )
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
        row[6].number_format = DATE_FORMAT
        row[7].number_format = DATE_FORMAT
        row[8].number_format = "#,##0"
    set_widths(ws, [48, 60, 40, 7, 40, 55, 12, 12, 11, 24, 11, 12, 18])
    ws.freeze_panes = "B2"
    save_reproducible(wb, path)


def _clusterlab():
    """clusterlab's modules, imported from this repository."""
    root = str(OUT_DIR.parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from clusterlab import (
        analysis,
        bodies,
        checkin,
        contract,
        decisions,
        exporter,
        importer,
        leaders,
        meetings,
        perimeter,
        plan,
        problems,
        store,
        strategy,
        swot,
        themes,
        votes,
    )
    return SimpleNamespace(analysis=analysis, bodies=bodies, checkin=checkin, contract=contract, decisions=decisions,
                           exporter=exporter, importer=importer, leaders=leaders, meetings=meetings,
                           perimeter=perimeter, plan=plan, problems=problems, store=store, strategy=strategy,
                           swot=swot, themes=themes, votes=votes)


def analyse(con, pid: int) -> None:
    """Every step of the method done once, through clusterlab's functions."""
    cl = _clusterlab()
    for field in ("strengths", "weaknesses", "opportunities", "threats"):
        proposed = cl.themes.proposals(cl.themes.items(con, pid, (field,)))
        for _, group in proposed.groupby("group", sort=True):
            cl.themes.create(con, pid, field, group["text"].iloc[0], group["wording_key"].tolist(), TEAM)
    for field, label, texts in HAND_THEMES:
        said = cl.themes.items(con, pid, (field,))
        missing = set(texts) - set(said["text"])
        if missing:
            raise SystemExit(f"{field}: no such wording in the interviews: {sorted(missing)}")
        keys = sorted({cl.themes.wording_key(t) for t in texts})
        cl.themes.create(con, pid, field, label, keys, TEAM)
    for field, text, author in ROOM_ITEMS:
        cl.swot.add_item(con, pid, None, field, text, author, TEAM)
    for actor_id, is_leader, reason in LEADER_CHOICES:
        cl.leaders.set_override(con, pid, actor_id, is_leader, reason, TEAM)
    option_ids = [cl.swot.add_option(con, pid, *option, who=TEAM) for option in OPTIONS]
    action_id = cl.swot.send_to_plan(con, pid, option_ids[0], TEAM)
    sent = con.execute(f"SELECT version, {cl.plan.COLUMNS} FROM actions WHERE project_id = ? AND action_id = ?",
                       [pid, action_id]).fetchone()
    values = {**dict(zip(cl.plan.FIELDS, sent[1:])), **SENT_ACTION}
    cl.plan.update(con, pid, action_id, values, sent[0], TEAM)
    for a, b, winner in PAIRS:
        cl.problems.compare(con, pid, a, b, winner, TEAM)
    vote_id = cl.votes.open_vote(con, pid, VOTE_TITLE, VOTE_PROBLEMS, 5, TEAM)
    for number, dots in enumerate(BALLOTS, start=1):
        cl.votes.cast(con, vote_id, f"participant {number:02d}", dict(zip(VOTE_PROBLEMS, dots)))
    cl.votes.set_open(con, vote_id, False, TEAM)
    for problem, reason in SHORTLIST:
        cl.problems.retain(con, pid, problem, reason, TEAM)
    scenario_ids = [cl.perimeter.save(con, pid, cl.perimeter.Scenario(**s), TEAM) for s in SCENARIOS]
    govern(con, pid, cl, {"scenario": str(scenario_ids[0]), "sent": action_id})
    # phase III: the short list and two options become the objectives; the influences and the positions
    # proposed from the relations and the interviews, confirmed by the technical cell
    made = cl.strategy.objectives_from_problems(con, pid, [problem for problem, _ in SHORTLIST], TEAM)
    for objective_id, (wording, stake) in zip(made, OBJECTIVE_WORDING, strict=True):
        cl.strategy.update_objective(con, pid, objective_id, TEAM, objective=wording, stake=stake)
    options = cl.analysis.of(con, pid).cross_options
    cl.strategy.objectives_from_options(con, pid, options["option_id"].head(2).tolist(), TEAM)
    for matrix in ("influences", "positions"):
        found = cl.analysis.of(con, pid)
        cl.strategy.write_proposal(con, pid, matrix, found.mid_proposal if matrix == "influences"
                                   else found.mao_proposal, TEAM)
        cl.strategy.confirm(con, pid, matrix, TEAM)
    cl.strategy.set_positions(con, pid, MAO_ROOM, who=TEAM)
    for table, column, first in MOMENTS:  # the workshops' dates, in the order the rows were made
        con.execute(f"UPDATE {table} SET {column} = ?::TIMESTAMP + to_minutes(CAST(rowid AS BIGINT)) "
                    f"WHERE {column} IS NOT NULL", [first])


def govern(con, pid: int, cl: SimpleNamespace, targets: dict[str, str]) -> None:
    """The bodies and their members, the meetings, who came (AP2's participants from their phones), and what was
    decided: the CP's decision validates the perimeter."""
    body_ids = []
    for kind, name, mandate, start, members in BODIES:
        body_ids.append(cl.bodies.add(con, pid, kind, name, mandate, start, who=TEAM))
        for actor_id, role, person in members:
            cl.bodies.add_member(con, pid, body_ids[-1], actor_id, role, person, TEAM)
    meeting_ids = [cl.meetings.add(con, pid, kind, title, when, place, body_id=body_ids[body] if body is not None
                                   else None, who=TEAM) for kind, title, when, place, body in MEETINGS]
    for index, lists in ATTENDANCE.items():
        for status, actors in zip(("present", "excused", "absent"), lists, strict=True):
            for actor_id in actors:
                cl.meetings.record_attendance(con, pid, meeting_ids[index], actor_id, status, who=TEAM)
    ap2 = meeting_ids[2]
    cl.checkin.open_checkin(con, pid, ap2, TEAM)
    for number, actor_id in enumerate(AP2_CHECKINS, start=1):
        typed, person = AP2_TYPED if actor_id is None else ("", "")
        cl.checkin.sign(con, pid, ap2, f"phone {number:02d}", actor_id, typed, person)
    cl.checkin.close_checkin(con, pid, ap2, TEAM)
    for actor_id in AP2_ABSENT:
        cl.meetings.record_attendance(con, pid, ap2, actor_id, "absent", who=TEAM)
    for index, text, kind, target, owner, due, status in DECISIONS:
        made = cl.decisions.record(con, pid, meeting_ids[index], text, kind, targets.get(target), owner or "", due,
                                   TEAM)
        if status != "open":
            cl.decisions.set_status(con, pid, made, status, TEAM)


def write_analysis(path: Path, raw: list[Path]) -> None:
    """The analysis as a project workbook: loaded after the raw workbooks, it brings the project to
    where the team left it (and nothing twice: only the actions the analysis added)."""
    cl = _clusterlab()
    with tempfile.TemporaryDirectory(prefix="clusterlab-demo-") as folder:
        con = cl.store.connect(Path(folder) / "demo.duckdb")
        report = cl.importer.import_files(con, raw, "demo")
        if report.refused:
            raise SystemExit(report.message("en"))
        pid = cl.store.project_id(con, "demo")
        analyse(con, pid)
        frames = cl.exporter.workbook_frames(con, pid, "fr")
        raw_actions = {r[0] for r in con.execute("SELECT action_id FROM actions WHERE batch_id IS NOT NULL "
                                                 "AND project_id = ?", [pid]).fetchall()}
        con.close()
    plan_sheet = cl.contract.sheet_label("actions", "fr")
    contract_sheets = {cl.contract.sheet_label(table, "fr") for table in cl.contract.TABLES}
    added = frames[plan_sheet][~frames[plan_sheet].iloc[:, 0].isin(raw_actions)]
    objectives = cl.contract.sheet_label("objectives", "fr")  # the raw workbooks have none: all the analysis's
    governance = [cl.contract.sheet_label(t, "fr") for t in cl.contract.GOVERNANCE_TABLES]  # nor these
    kept = ({plan_sheet: added, objectives: frames[objectives]} | {name: frames[name] for name in governance}
            | {name: df for name, df in frames.items() if name not in contract_sheets})
    buffer = io.BytesIO()
    cl.exporter.write_workbook(kept, buffer)
    save_reproducible_bytes(buffer.getvalue(), path)



def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    targets = [
        ("acteurs.xlsx", write_actors),
        ("entretiens.xlsx", write_interviews),
        ("plan_actions.xlsx", write_actions),
    ]
    for filename, writer in targets:
        path = args.out / filename
        writer(path)
        print(f"wrote {path}")
    path = args.out / "analyse.xlsx"
    write_analysis(path, [args.out / filename for filename, _ in targets])
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
