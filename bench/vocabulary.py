"""The generated data set's languages, countries and words (a small VET vocabulary
per language, so search and suggest have real words to match)."""

LANGS = ["en", "it", "es", "ca", "el", "de", "nl"]


COUNTRIES = ["IT", "ES", "DE", "NL", "GR", "BE", "FR", "AT", "PT", "PL", "SI", "IE"]


PROGRAMMES = ["Erasmus+ KA2", "Erasmus+ KA1", "ESF+", "Interreg", "National", ""]


# A small VET vocabulary per language, so search and suggest have real words to
# match and the cross-language analyzers have something to do.
WORDS = {
    "en": "apprenticeship mentoring bakery carpentry welding tourism digital skills "
    "tutor company training green transition craft workshop assessment validation "
    "learners teachers employers guidance dual system mobility".split(),
    "it": "apprendistato tutoraggio panetteria falegnameria saldatura turismo "
    "competenze digitali tutor azienda formazione transizione verde artigianato "
    "laboratorio valutazione validazione studenti docenti imprese orientamento".split(),
    "es": "aprendizaje mentoría panadería carpintería soldadura turismo competencias "
    "digitales tutor empresa formación transición verde artesanía taller "
    "evaluación validación alumnos profesores empleadores orientación".split(),
    "ca": "aprenentatge mentoria fleca fusteria soldadura turisme competències "
    "digitals tutor empresa formació transició verda artesania taller avaluació "
    "validació alumnes professors ocupadors orientació".split(),
    "el": "μαθητεία καθοδήγηση αρτοποιία ξυλουργική συγκόλληση τουρισμός ψηφιακές "
    "δεξιότητες μέντορας επιχείρηση κατάρτιση πράσινη μετάβαση βιοτεχνία "
    "εργαστήριο αξιολόγηση πιστοποίηση μαθητές εκπαιδευτικοί εργοδότες".split(),
    "de": "Ausbildung Mentoring Bäckerei Tischlerei Schweißen Tourismus digitale "
    "Kompetenzen Ausbilder Betrieb Weiterbildung Wandel Handwerk Werkstatt "
    "Prüfung Anerkennung Lernende Lehrkräfte Arbeitgeber Beratung duales".split(),
    "nl": "leerlingwezen mentoring bakkerij timmerwerk lassen toerisme digitale "
    "vaardigheden praktijkopleider bedrijf opleiding groene transitie ambacht "
    "werkplaats beoordeling erkenning leerlingen docenten werkgevers".split(),
}


def sentence(rng, lang, n):
    words = WORDS[lang]
    return " ".join(rng.choice(words) for _ in range(n))
