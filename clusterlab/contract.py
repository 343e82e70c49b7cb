"""The workbook contract: the tables a workbook may hold, their fields, and the words that name them.

Declared once here; the reader, the template, the export and the import page all read it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from clusterlab.text import fold, header_key, name_key, tokens

LIST_FIELDS = ("strengths", "weaknesses", "opportunities", "threats", "problems",
               "priorities", "projects", "capacities", "expectations", "partners")
SWOT_FIELDS = ("strengths", "weaknesses", "opportunities", "threats")
PHASES = ("0", "I", "II", "III", "IV")  # of the method, and of each action of the plan

# An action's status and its funding status are read as typed; the plan counts each under one of
# these, found from its words (folded: no accents, lower case).
STATUSES = ("planned", "in_progress", "done", "blocked", "cancelled")
STATUS_WORDS = {
    "planned": "planned", "planifie": "planned", "planifiee": "planned", "prevu": "planned", "prevue": "planned",
    "a venir": "planned", "candidate": "planned",
    "in progress": "in_progress", "en cours": "in_progress", "ongoing": "in_progress",
    "done": "done", "termine": "done", "terminee": "done", "realise": "done", "realisee": "done",
    "completed": "done", "acheve": "done", "achevee": "done",
    "blocked": "blocked", "bloque": "blocked", "bloquee": "blocked", "suspendu": "blocked", "suspendue": "blocked",
    "cancelled": "cancelled", "annule": "cancelled", "annulee": "cancelled", "abandonne": "cancelled",
}
FUNDING_STATUSES = ("planned", "requested", "obtained", "refused")
FUNDING_WORDS = {"planned": "planned", "prevu": "planned", "requested": "requested", "demande": "requested",
                 "sollicite": "requested", "obtained": "obtained", "obtenu": "obtained", "acquis": "obtained",
                 "refused": "refused", "refuse": "refused"}

CATEGORIES = ("producer", "cooperative", "processor", "collector", "input supplier", "distributor",
              "public institution", "research/training", "finance", "association/NGO", "support service")
STAGES = ("inputs", "production", "collection", "processing", "distribution", "consumption", "support")
STAGE_ORDER = {stage: i for i, stage in enumerate(STAGES)}
CATEGORIES_FR = ("producteur", "coopérative", "transformateur", "collecteur", "fournisseur d'intrants",
                 "distributeur", "institution publique", "recherche/formation", "finance", "association/ONG",
                 "service d'appui")
STAGES_FR = ("intrants", "production", "collecte", "transformation", "distribution", "consommation", "appui")
SCALE_WORDS_EN = ("very low", "low", "medium", "high", "very high")
SCALE_WORDS_FR = ("très faible", "faible", "moyen", "fort", "très fort")

# Words for the 1–5 scales, folded (no accents, lower case).
SCALE_WORDS = {
    "tres faible": 1, "very low": 1, "nul": 1, "nulle": 1, "none": 1, "aucun": 1, "aucune": 1,
    "faible": 2, "low": 2, "bas": 2, "basse": 2, "peu": 2,
    "moyen": 3, "moyenne": 3, "medium": 3, "moderate": 3, "modere": 3, "moderee": 3, "average": 3,
    "fort": 4, "forte": 4, "eleve": 4, "elevee": 4, "high": 4, "strong": 4, "important": 4, "importante": 4,
    "tres fort": 5, "tres forte": 5, "tres eleve": 5, "tres elevee": 5, "very high": 5, "very strong": 5,
    "tres important": 5, "tres importante": 5,
    # severities of problems
    "mineur": 2, "mineure": 2, "minor": 2, "grave": 4, "majeur": 4, "majeure": 4, "major": 4, "serious": 4,
    "tres grave": 5, "critique": 5, "critical": 5, "severe": 4, "tres severe": 5,
}


@dataclass(frozen=True, eq=False)
class Field:
    """One column of a contract table."""

    name: str
    kind: str  # text, id, list, scale, date, latitude, longitude, count, money, percent, phase
    words: tuple[str, ...] = ()
    label_fr: str = ""
    exact: tuple[str, ...] = ()  # words that name the field only as the whole header: "Code", not "Code postal"

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(header_key(w) for w in (self.name, *self.words, *self.exact))

    def score(self, header: str) -> int:
        """How well a header names this field (see `match_words`)."""
        if self.exact and (header_key(header) in self._exact_keys or name_key(header) in self._exact_names):
            return 1000
        return match_words(header, (self.name, *self.words))

    @cached_property
    def _exact_keys(self) -> frozenset[str]:
        return frozenset(k for k in (header_key(w) for w in self.exact) if k)

    @cached_property
    def _exact_names(self) -> frozenset[str]:  # "To", "From": stop words elsewhere
        return frozenset(name_key(w) for w in self.exact)


@dataclass(frozen=True)
class Table:
    """One sheet of the contract."""

    name: str
    sheet_fr: str
    sheet_words: tuple[str, ...]
    fields: tuple[Field, ...]
    required: tuple[tuple[str, ...], ...] = field(default=())  # each tuple: at least one of these
    numbered: dict[str, str] = field(default_factory=dict)  # "N° acteur" → {"acteur": "actor_id"}; "N°" → {"": …}
    by_name_only: bool = False  # read only from a sheet its name names (never guessed from headers alone)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


ACTOR_REF_WORDS = ("id acteur", "code acteur", "actor id", "identifiant acteur", "ref acteur", "actor code")
ID_WORDS = ("id", "code", "identifiant", "ref", "reference", "ident")  # only as the whole header
ACTOR_NAME_WORDS = ("nom", "acteur", "actor", "raison sociale", "nom acteur", "nom de l acteur",
                    "organisation", "organization", "structure", "entreprise", "acteur interroge",
                    "acteur interviewe", "acteur enquete", "structure enquetee", "acteur rencontre",
                    "nom de la structure", "nom structure", "nom de l organisation", "stakeholder",
                    "stakeholder name", "organisation name", "organization name", "respondent organisation",
                    "nom de l organisme", "organisme")

ACTORS = Table("actors", "Acteurs", ("acteurs", "actors", "liste des acteurs", "inventaire des acteurs",
                                      "actor list", "inventaire", "stakeholders", "parties prenantes"), (
    Field("actor_id", "id", ACTOR_REF_WORDS, "ID", exact=ID_WORDS),
    Field("name", "text", ACTOR_NAME_WORDS, "Nom"),
    Field("category", "text", ("type", "categorie", "type d acteur", "type acteur", "actor type",
                               "categorie d acteur", "categorie acteur", "typologie"), "Catégorie"),
    Field("stage", "text", ("maillon", "etape", "stage", "value chain stage", "maillon de la filiere",
                            "segment", "maillon filiere", "chain stage"), "Maillon"),
    Field("locality", "text", ("localite", "locality", "commune", "village", "ville", "town", "lieu",
                               "city", "municipalite"), "Localité"),
    Field("region", "text", ("region", "province", "gouvernorat", "governorate", "caza", "district",
                             "wilaya", "departement", "territoire"), "Région"),
    Field("latitude", "latitude", ("latitude", "lat"), "Latitude"),
    Field("longitude", "longitude", ("longitude", "lon", "long", "lng"), "Longitude"),
    Field("size", "count", ("effectif", "size", "taille", "employes", "nombre d employes", "staff",
                            "membres", "nombre de membres", "headcount", "employees"), "Effectif"),
    Field("influence", "scale", ("influence", "pouvoir", "power"), "Influence"),
    Field("interest", "scale", ("interet", "interest"), "Intérêt"),
    Field("contact", "text", ("contact", "telephone", "tel", "email", "e mail", "phone", "courriel",
                              "coordonnees"), "Contact"),
), required=(("name",),), numbered={"": "actor_id", "acteur": "actor_id", "actor": "actor_id"})

INTERVIEWS = Table("interviews", "Entretiens", ("entretiens", "grille d entretien", "interviews",
                                                "grille", "enquetes", "interview grid", "questionnaire",
                                                "grille entretien", "enquete"), (
    Field("interview_id", "id", ("interview id", "id entretien", "numero entretien", "entretien id",
                                 "code entretien", "id questionnaire", "code questionnaire", "id fiche"),
          "ID entretien", exact=("entretien", "questionnaire", "fiche", "interview")),
    Field("actor_id", "id", ACTOR_REF_WORDS, "ID acteur", exact=ID_WORDS),
    Field("name", "text", ACTOR_NAME_WORDS, "Acteur"),
    Field("date", "date", ("date", "date entretien", "date de l entretien", "interview date", "date enquete"),
          "Date"),
    Field("interviewer", "text", ("enqueteur", "interviewer", "enqueteuse", "enqueteur trice", "interviewed by",
                                  "realise par", "intervieweur", "enqueteur rice", "enquetrice",
                                  "enqueteur enquetrice", "enqueteurs"), "Enquêteur"),
    Field("strengths", "list", ("forces", "points forts", "strengths", "atouts", "point fort"), "Forces"),
    Field("weaknesses", "list", ("faiblesses", "points faibles", "weaknesses", "point faible"), "Faiblesses"),
    Field("opportunities", "list", ("opportunites", "opportunities"), "Opportunités"),
    Field("threats", "list", ("menaces", "threats", "risques"), "Menaces"),
    Field("problems", "list", ("problemes", "contraintes", "problems", "constraints", "difficultes",
                               "problemes rencontres", "principaux problemes"), "Problèmes"),
    Field("priorities", "list", ("priorites", "priorities"), "Priorités"),
    Field("projects", "list", ("projets", "projects"), "Projets"),
    Field("capacities", "list", ("capacites", "capacities", "competences", "capabilities"), "Capacités"),
    Field("expectations", "list", ("attentes", "expectations", "besoins", "needs"), "Attentes"),
    Field("partners", "list", ("partenaires", "relations", "partners", "partenaires principaux"), "Partenaires"),
    Field("willingness", "scale", ("volonte de collaborer", "willingness", "willingness to collaborate",
                                   "volonte de cooperer", "disposition a collaborer", "volonte collaborer",
                                   "volonte de participer", "disposition a participer", "interet a collaborer",
                                   "volonte de participation", "volonte d engagement", "motivation"),
          "Volonté de collaborer"),
    Field("capacity_to_participate", "scale", ("capacite a participer", "capacity to participate",
                                               "capacite de participation", "capacite participer"),
          "Capacité à participer"),
), required=(("actor_id", "name"),), numbered={
    "": "interview_id", "entretien": "interview_id", "questionnaire": "interview_id", "fiche": "interview_id",
    "enquete": "interview_id", "acteur": "actor_id", "actor": "actor_id"})

RELATIONS = Table("relations", "Relations", ("relations", "liens", "links", "reseau", "network", "edges"), (
    Field("source", "text", ("source", "from", "acteur source", "origine", "acteur 1", "de l acteur",
                             "acteur a", "actor a", "actor 1", "emetteur"), "Source", exact=("from", "de")),
    Field("target", "text", ("cible", "target", "vers", "destination", "acteur cible", "acteur 2",
                             "partenaire", "acteur b", "actor b", "actor 2", "recepteur"), "Cible",
          exact=("to", "with", "a", "avec")),
    Field("type", "text", ("type", "type de relation", "nature", "relation type", "type de lien",
                           "nature du lien"), "Type"),
    Field("strength", "scale", ("force", "strength", "intensite", "poids", "weight"), "Force"),
), required=(("source",), ("target",)))

PROBLEMS = Table("problems", "Problèmes", ("problemes", "problems", "contraintes", "liste des problemes"), (
    Field("actor", "text", ("acteur", "actor", "nom", "name", "actor id", "id acteur"), "Acteur", exact=ID_WORDS),
    Field("problem", "text", ("probleme", "problem", "contrainte", "difficulte", "constraint"), "Problème"),
    Field("severity", "scale", ("severite", "severity", "gravite", "importance", "intensite"), "Sévérité"),
), required=(("actor",), ("problem",)))

ACTIONS = Table("actions", "Plan d'actions", ("plan d actions", "actions", "plan d action", "action plan",
                                              "programme d actions", "programme d action", "plan"), (
    Field("action_id", "id", ("action id", "id action", "code action"), "ID", exact=(*ID_WORDS, "numero")),
    Field("title", "text", ("titre", "title", "action", "intitule", "nom de l action", "libelle"), "Titre"),
    Field("description", "text", ("description", "detail", "details"), "Description"),
    Field("problem", "text", ("probleme", "problem", "probleme traite", "probleme commun", "problemes"),
          "Problème"),
    Field("phase", "phase", ("phase", "etape"), "Phase"),
    Field("owner", "text", ("responsable", "owner", "porteur", "pilote", "lead", "chef de file", "responsible",
                            "responsible party", "focal point", "lead agency", "in charge", "point focal"),
          "Responsable"),
    Field("partners", "text", ("partenaires", "partners"), "Partenaires"),
    Field("start", "date", ("debut", "start", "date de debut", "start date", "date debut"), "Début"),
    Field("end", "date", ("fin", "end", "date de fin", "end date", "echeance", "date fin"), "Fin"),
    Field("budget", "money", ("budget", "montant", "cout", "cost", "amount"), "Budget"),
    Field("funding_source", "text", ("source de financement", "funding source", "financement", "bailleur",
                                     "funding", "donor", "financeur", "bailleur de fonds"), "Source de financement"),
    Field("status", "text", ("statut", "status", "etat"), "Statut"),
    Field("progress", "percent", ("avancement", "progress", "progression", "taux de realisation",
                                  "pourcentage"), "Avancement"),
    Field("funding_status", "text", ("etat du financement", "funding status", "statut du financement",
                                     "etat financement"), "État du financement"),
    Field("indicator", "text", ("indicateur", "indicator", "indicateur de resultat"), "Indicateur"),
    Field("indicator_target", "money", ("cible", "target", "valeur cible", "indicator target"), "Cible"),
    Field("indicator_value", "money", ("valeur actuelle", "current value", "valeur atteinte", "indicator value"),
          "Valeur actuelle"),
), required=(("title",),), numbered={"": "action_id", "action": "action_id"})

OBJECTIVES = Table("objectives", "Objectifs", ("objectifs", "objectives", "objectifs strategiques",
                                              "liste des objectifs", "strategic objectives", "enjeux et objectifs"), (
    Field("objective_id", "id", ("objective id", "id objectif", "code objectif", "objective code"), "ID",
          exact=ID_WORDS),
    Field("objective", "text", ("objectif", "objective", "objectif strategique", "strategic objective"), "Objectif"),
    Field("stake", "text", ("enjeu", "stake", "enjeux", "stakes", "axe strategique"), "Enjeu"),
    Field("description", "text", ("description", "detail", "details", "precisions"), "Description"),
), required=(("objective",),), numbered={"": "objective_id", "objectif": "objective_id"})

# Governance and participation (issue 16): read only from sheets their names name (a list of names and
# organisations is too common a layout to be guessed). Bodies, meetings and decisions refer to one another by id
# (or a body by its name, a meeting by its title); a member or an attendee is an actor by id or by name.
BODY_REF_WORDS = ("instance", "body", "organe", "id instance", "body id", "comite")
MEETING_REF_WORDS = ("reunion", "meeting", "id reunion", "meeting id", "seance", "rencontre")
BODIES = Table("bodies", "Instances", ("instances", "bodies", "organes", "instances de gouvernance",
                                      "governance bodies", "liste des instances"), (
    Field("body_id", "id", ("body id", "id instance", "code instance"), "ID", exact=ID_WORDS),
    Field("kind", "text", ("type", "kind", "type d instance", "nature"), "Type"),
    Field("name", "text", ("nom", "name", "intitule", "instance", "body"), "Nom"),
    Field("mandate", "text", ("mandat", "mandate", "mission", "attributions", "role"), "Mandat"),
    Field("start", "date", ("debut", "start", "date de creation", "creee le", "created", "date debut"), "Début"),
    Field("end", "date", ("fin", "end", "date de fin", "date fin"), "Fin"),
), required=(("name",),), by_name_only=True)
MEMBERS = Table("members", "Membres", ("membres", "members", "composition", "membres des instances",
                                      "body members"), (
    Field("body_id", "text", BODY_REF_WORDS, "Instance"),
    Field("actor", "text", ("acteur", "actor", "organisation", "organization", "structure", "actor id",
                            "id acteur", "organisme"), "Acteur"),
    Field("person", "text", ("personne", "person", "representant", "representative", "nom du representant",
                             "participant"), "Personne"),
    Field("role", "text", ("role", "fonction", "qualite", "position"), "Rôle"),
), required=(("body_id",), ("actor",)), by_name_only=True)
MEETINGS = Table("meetings", "Réunions", ("reunions", "meetings", "calendrier des reunions", "rencontres",
                                         "seances", "jalons", "milestones"), (
    Field("meeting_id", "id", ("meeting id", "id reunion", "code reunion"), "ID", exact=ID_WORDS),
    Field("kind", "text", ("type", "kind", "type de reunion", "nature"), "Type"),
    Field("title", "text", ("titre", "title", "intitule", "objet", "libelle"), "Titre"),
    Field("date", "date", ("date", "date de la reunion", "jour", "tenue le"), "Date"),
    Field("place", "text", ("lieu", "place", "venue", "localite", "salle"), "Lieu"),
    Field("agenda", "text", ("ordre du jour", "agenda", "odj"), "Ordre du jour"),
    Field("body_id", "text", BODY_REF_WORDS, "Instance"),
    Field("minutes", "text", ("compte rendu", "minutes", "proces verbal", "pv", "cr"), "Compte rendu"),
), required=(("title",), ("date",)), by_name_only=True)
ATTENDANCE = Table("attendance", "Présences", ("presences", "attendance", "emargement", "feuille de presence",
                                              "liste de presence", "feuille d emargement", "liste des participants",
                                              "participants", "attendance sheet"), (
    Field("meeting_id", "text", MEETING_REF_WORDS, "Réunion"),
    Field("actor", "text", ("organisation", "organization", "structure", "acteur", "actor", "organisme",
                            "institution", "actor id", "id acteur"), "Organisation"),
    Field("person", "text", ("nom", "name", "nom et prenom", "participant", "personne", "person",
                             "nom prenom", "full name"), "Nom"),
    Field("status", "text", ("statut", "status", "presence", "present", "signature", "emargement"), "Présence"),
    Field("source", "text", ("source", "origine", "how recorded"), "Source"),
), required=(("meeting_id",), ("actor", "person")), by_name_only=True)
DECISIONS = Table("decisions", "Décisions", ("decisions", "releve de decisions", "suivi des decisions",
                                            "decision log"), (
    Field("decision_id", "id", ("decision id", "id decision", "code decision"), "ID", exact=ID_WORDS),
    Field("meeting_id", "text", MEETING_REF_WORDS, "Réunion"),
    Field("text", "text", ("decision", "text", "libelle", "intitule", "contenu"), "Décision"),
    Field("kind", "text", ("type", "kind", "nature"), "Type"),
    Field("target", "text", ("action", "cible", "target", "porte sur", "objet", "action id"), "Porte sur"),
    Field("owner", "text", ("responsable", "owner", "porteur", "charge", "in charge"), "Responsable"),
    Field("due", "date", ("echeance", "due", "due date", "delai", "date limite", "deadline"), "Échéance"),
    Field("status", "text", ("statut", "status", "etat", "suivi"), "Statut"),
), required=(("meeting_id",), ("text",)), by_name_only=True)
GOVERNANCE_TABLES = ("bodies", "members", "meetings", "attendance", "decisions")

# The matrix sheets of phase III (MACTOR): actors down the first column, actors (MID) or objectives (MAO)
# across the header row. Read apart from the tables above (matrices.py); named exactly by these words.
MATRIX_SHEETS = {
    "influences": ("influences", "mid", "influences directes", "direct influences", "matrice des influences",
                   "matrice des influences directes", "matrix of direct influences", "actor influences"),
    "positions": ("positions", "mao", "2mao", "positions des acteurs", "actor positions", "matrice des positions",
                  "matrice acteurs objectifs", "actors objectives", "actor objective positions"),
}
MATRIX_SHEET_FR = {"influences": "Influences", "positions": "Positions"}
_MATRIX_KEYS = {header_key(w): kind for kind, words in MATRIX_SHEETS.items() for w in words}


def matrix_sheet(sheet_name: str) -> str | None:
    """`influences` or `positions` for a sheet that holds one of MACTOR's matrices, else None."""
    return _MATRIX_KEYS.get(header_key(sheet_name))


def field_label(table: str, fieldname: str, lang: str) -> str:
    """A field's header in a workbook of the contract: its French label, or its English name."""
    return TABLES[table].field(fieldname).label_fr if lang == "fr" else fieldname


def sheet_label(table: str, lang: str) -> str:
    """A table's sheet name in a workbook of the contract: `Acteurs` or `Actors`."""
    return TABLES[table].sheet_fr if lang == "fr" else table.capitalize()


# Sheets the project workbook carries for reports (the analysis): no import reads them as data.
REPORT_SHEETS = {  # name: (English, French)
    "perimeters": ("Perimeters", "Périmètres"),
    "shortlist": ("Short list", "Liste retenue"),
    "cross_options": ("Cross matrix", "Matrice croisée"),
    "leader_overrides": ("Leaders (by hand)", "Leaders (choix)"),
    "changes": ("Who did what", "Qui a fait quoi"),
}
_REPORT_KEYS = {header_key(n) for pair in REPORT_SHEETS.values() for n in pair}


def is_report_sheet(sheet_name: str) -> bool:
    return header_key(sheet_name) in _REPORT_KEYS


# Sheets that hold a workbook's machinery, never data: the lists behind drop-downs, parameters.
HELPER_SHEETS = ("listes", "lists", "listes deroulantes", "drop downs", "dropdowns", "parametres", "parameters",
                 "settings", "donnees de reference", "referentiel", "reference data", "lookup", "lookups",
                 "valeurs", "values", "menus", "config", "configuration")
_HELPER_KEYS = {header_key(n) for n in HELPER_SHEETS}


def is_helper_sheet(sheet_name: str) -> bool:
    return header_key(sheet_name) in _HELPER_KEYS


TABLES: dict[str, Table] = {t.name: t for t in (ACTORS, INTERVIEWS, RELATIONS, PROBLEMS, ACTIONS, OBJECTIVES,
                                                BODIES, MEMBERS, MEETINGS, ATTENDANCE, DECISIONS)}
# Loading order: actors first, so that later sheets of the same import can link to them; a body before its
# members and meetings, a meeting before its attendance and decisions.
LOAD_ORDER = ("actors", "interviews", "problems", "relations", "actions", "objectives", *GOVERNANCE_TABLES)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def match_words(text: object, words: tuple[str, ...]) -> int:
    """How well `text` matches one of `words`: 1000 for an exact match, else the length of the
    longest word found inside it as whole words, 0 for none."""
    return _match_words(text, words) if isinstance(text, str) else _match_words.__wrapped__(text, words)


@lru_cache(maxsize=16384)
def _match_words(text: object, words: tuple[str, ...]) -> int:
    key, toks = header_key(text), tokens(text)
    if not key:
        return 0
    best = 0
    for word in words:
        if header_key(word) == key:
            return 1000
        if _contains(toks, tokens(word)):
            best = max(best, len(header_key(word)))
    return best


def match_sheet(sheet_name: str) -> str | None:
    """The contract table a sheet name stands for, or None."""
    return sheet_match(sheet_name)[0]


def sheet_match(sheet_name: str) -> tuple[str | None, bool]:
    """The contract table a sheet name stands for (or None), and whether the name is exactly one of
    the table's words (`Problèmes`) rather than merely holding one (`Synthèse des contraintes`)."""
    scored = [(match_words(sheet_name, (t.name, *t.sheet_words)), t.name) for t in TABLES.values()]
    score, name = max(scored)
    return (name if score else None), score >= 1000


_NUMBER = re.compile(r"^(?:n\s*[°º]|no\b\.?|num\b\.?|numero\b|#)\s*(.*)$")


def numbered(header: object) -> str | None:
    """What a number header numbers: `N°` gives "", `N° de l'acteur` gives "acteur"; None for
    another header. (`N` and `no` are stop words, so these need their own rule.)"""
    if not isinstance(header, str):
        return None
    m = _NUMBER.match(fold(header).strip())
    return header_key(m.group(1)) if m else None


def header_score(table: Table, f: Field, header: object) -> int:
    """How well `header` names field `f` of `table`."""
    if header is None:
        return 0
    number = numbered(header)
    if number is not None:
        return 1000 if table.numbered.get(number) == f.name else 0
    score = f.score(header)
    if score in (0, 1000):
        return score
    text = fold(str(header))
    if _YES_NO.search(text) or (f.kind == "date" and _NOT_THE_INTERVIEW_DATE.search(text)):
        return 0  # "Percevez-vous des menaces ? (oui/non)", "Date de création"
    if m := _SURVEY_QUESTION.match(text):  # "Q25. …": the field's word must open the question
        rest = tokens(text[m.end():])
        return score if any(rest[:len(tokens(w))] == tokens(w) for w in (f.name, *f.words) if tokens(w)) else 0
    return score


_YES_NO = re.compile(r"\b(?:oui\s*/\s*non|o\s*/\s*n|yes\s*/\s*no|y\s*/\s*n)\b")
_NOT_THE_INTERVIEW_DATE = re.compile(r"creation|naissance|fondation|immatriculation|agrement|installation|birth"
                                     r"|founded")
_SURVEY_QUESTION = re.compile(r"^\s*(?:q|question)\s*\d+[a-z]?\s*[.):\-–]?\s*")


def match_columns(table: Table, headers: list[object]) -> list[str | None]:
    """The contract field each header stands for (None: an other question).

    Each field goes to one column at most: the best-matching one, the leftmost on a tie.
    """
    scores = [[header_score(table, f, h) for f in table.fields] for h in headers]
    result: list[str | None] = [None] * len(headers)
    pairs = sorted(((s, -col, fi) for col, row in enumerate(scores) for fi, s in enumerate(row) if s),
                   reverse=True)
    taken_cols: set[int] = set()
    taken_fields: set[int] = set()
    for _, neg_col, fi in pairs:
        col = -neg_col
        if col in taken_cols or fi in taken_fields:
            continue
        result[col] = table.fields[fi].name
        taken_cols.add(col)
        taken_fields.add(fi)
    _prefer_organisation(table, headers, result)
    # One item per column ("Force 1 | Force 2", "Partenaire (2)"): a list field takes them all.
    for col, (header, row) in enumerate(zip(headers, scores)):
        if result[col] is None and _NUMBERED_ITEM.search(str(header or "")) and max(row, default=0):
            best = max(range(len(row)), key=row.__getitem__)
            if table.fields[best].kind == "list" and best in taken_fields:
                result[col] = table.fields[best].name
    return result


PERSON_WORDS = frozenset(header_key(w) for w in ("prenom", "prenoms", "first name", "fonction", "poste",
                                                  "position", "job title", "titre", "role", "civilite"))
ORGANISATION_WORDS = frozenset(header_key(w) for w in (
    "structure", "organisation", "organization", "organisme", "entreprise", "raison sociale", "institution",
    "nom de la structure", "cooperative", "societe", "company", "stakeholder", "etablissement"))


def _prefer_organisation(table: Table, headers: list[object], result: list[str | None]) -> None:
    """"Nom | Prénom | Fonction | Structure": the name is a person's, the actor is the structure."""
    if "name" not in result or not any(header_key(h) in PERSON_WORDS for h in headers if h is not None):
        return
    org = next((i for i, h in enumerate(headers) if h is not None and result[i] in (None, "name")
                and header_key(h) in ORGANISATION_WORDS), None)
    person = result.index("name")
    if org is not None and org != person:
        result[person], result[org] = None, "name"


_NUMBERED_ITEM = re.compile(r"(?:\s|\(|#|n°\s*)\d{1,2}\)?\s*$")
