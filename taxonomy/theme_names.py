"""Names of the demo's practice themes in the site's languages other than English.

Themes are django-taggit tags, stored with their English name and slug; a page
shows them through ``taxonomy.names.theme_name``, which reads this table and
falls back on the stored name for a theme it does not list. Keyed by the stored
English name (lower case). Written for this project, after the terms of the search
thesaurus (search/synonyms/concepts) and the EU's VET vocabulary as Cedefop's
multilingual glossaries use it, in the style of the stored names: lower case
except where a language capitalises (German nouns, acronyms).
"""

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
