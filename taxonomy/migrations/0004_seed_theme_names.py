"""The theme names an earlier release kept in a hand-written table
(taxonomy/theme_names.py), as rows editors now manage in the admin.

Names of the demo's sixteen practice themes in the site's languages other than
English, written for this project after the terms of the search thesaurus
(search/synonyms/concepts) and the EU's VET vocabulary as Cedefop's multilingual
glossaries use it: lower case except where a language capitalises (German nouns,
acronyms). A theme's tag is created when no tag has its name yet (a new database
migrates before the demo loader tags anything; the loader then reuses it), so
every database starts with the same names. Idempotent: tests/baseline.py runs
it again after a flush. Editors (the group) may add, change and delete names.
"""

from django.db import migrations
from django.utils.text import slugify

THEME_NAMES = {
    "apprenticeship": {
        "it": "apprendistato",
        "es": "formación de aprendices",
        "ca": "aprenentatge",
        "el": "μαθητεία",
        "de": "Lehrlingsausbildung",
        "nl": "leerlingwezen",
    },
    "blended learning": {
        "it": "formazione mista",
        "es": "aprendizaje combinado",
        "ca": "aprenentatge combinat",
        "el": "μικτή μάθηση",
        "de": "Blended Learning",
        "nl": "blended learning",
    },
    "covid-19 recovery": {
        "it": "ripresa dopo il COVID-19",
        "es": "recuperación tras la COVID-19",
        "ca": "recuperació després de la COVID-19",
        "el": "ανάκαμψη μετά την COVID-19",
        "de": "Erholung nach COVID-19",
        "nl": "herstel na covid-19",
    },
    "digital skills": {
        "it": "competenze digitali",
        "es": "competencias digitales",
        "ca": "competències digitals",
        "el": "ψηφιακές δεξιότητες",
        "de": "digitale Kompetenzen",
        "nl": "digitale vaardigheden",
    },
    "dual system": {
        "it": "sistema duale",
        "es": "formación dual",
        "ca": "formació dual",
        "el": "δυϊκό σύστημα",
        "de": "duales System",
        "nl": "duaal leren",
    },
    "e-leadership": {
        "it": "e-leadership",
        "es": "e-liderazgo",
        "ca": "e-lideratge",
        "el": "ηλεκτρονική ηγεσία",
        "de": "E-Leadership",
        "nl": "e-leadership",
    },
    "entrepreneurship": {
        "it": "imprenditorialità",
        "es": "emprendimiento",
        "ca": "emprenedoria",
        "el": "επιχειρηματικότητα",
        "de": "Unternehmertum",
        "nl": "ondernemerschap",
    },
    "green skills": {
        "it": "competenze verdi",
        "es": "competencias verdes",
        "ca": "competències verdes",
        "el": "πράσινες δεξιότητες",
        "de": "grüne Kompetenzen",
        "nl": "groene vaardigheden",
    },
    "inclusion": {
        "it": "inclusione",
        "es": "inclusión",
        "ca": "inclusió",
        "el": "συμπερίληψη",
        "de": "Inklusion",
        "nl": "inclusie",
    },
    "mentoring": {
        "it": "mentoring",
        "es": "mentoría",
        "ca": "mentoria",
        "el": "καθοδήγηση",
        "de": "Mentoring",
        "nl": "mentoring",
    },
    "micro-credentials": {
        "it": "microcredenziali",
        "es": "microcredenciales",
        "ca": "microcredencials",
        "el": "μικροπιστοποιητικά",
        "de": "Micro-Credentials",
        "nl": "microcredentials",
    },
    "mobility": {
        "it": "mobilità",
        "es": "movilidad",
        "ca": "mobilitat",
        "el": "κινητικότητα",
        "de": "Mobilität",
        "nl": "mobiliteit",
    },
    "peer learning": {
        "it": "apprendimento tra pari",
        "es": "aprendizaje entre iguales",
        "ca": "aprenentatge entre iguals",
        "el": "μάθηση μεταξύ ομοτίμων",
        "de": "Peer-Learning",
        "nl": "peer learning",
    },
    "teacher training": {
        "it": "formazione dei docenti",
        "es": "formación del profesorado",
        "ca": "formació del professorat",
        "el": "επιμόρφωση εκπαιδευτικών",
        "de": "Lehrkräftefortbildung",
        "nl": "scholing van docenten",
    },
    "validation of prior learning": {
        "it": "validazione degli apprendimenti pregressi",
        "es": "validación del aprendizaje previo",
        "ca": "validació de l'aprenentatge previ",
        "el": "αναγνώριση προηγούμενης μάθησης",
        "de": "Anerkennung früher erworbener Kompetenzen",
        "nl": "erkenning van verworven competenties",
    },
    "work-based learning": {
        "it": "apprendimento basato sul lavoro",
        "es": "aprendizaje basado en el trabajo",
        "ca": "aprenentatge basat en el treball",
        "el": "μάθηση στον χώρο εργασίας",
        "de": "arbeitsbasiertes Lernen",
        "nl": "werkplekleren",
    },
}

EDITORS = "Editors"
ACTIONS = ("add", "change", "delete", "view")


def seed_theme_names(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    ThemeName = apps.get_model("taxonomy", "ThemeName")
    for theme, names in THEME_NAMES.items():
        tag = (
            Tag.objects.filter(name__iexact=theme).order_by("pk").first()
            or Tag.objects.filter(slug=slugify(theme)).order_by("pk").first()
            or Tag.objects.create(name=theme, slug=slugify(theme))
        )
        for language, name in names.items():
            ThemeName.objects.get_or_create(
                tag=tag, language=language, defaults={"name": name}
            )


def let_editors_name_themes(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="taxonomy", model="themename"
    )
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_themename",
            defaults={"name": f"Can {action} theme name"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0003_theme_names"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed_theme_names, migrations.RunPython.noop),
        migrations.RunPython(let_editors_name_themes, migrations.RunPython.noop),
    ]
