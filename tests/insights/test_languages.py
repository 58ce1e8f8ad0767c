"""The insights pages speak every interface language (not only Italian)."""

import pytest

pytestmark = pytest.mark.django_db

# language: (page title, "Data table", the comparison's heading)
EXPECTED = {
    "it": ("Approfondimenti", "Tabella dei dati", "Confronta i paesi"),
    "es": ("Análisis", "Tabla de datos", "Comparar países"),
    "ca": ("Anàlisis", "Taula de dades", "Compara països"),
    "el": ("Στοιχεία", "Πίνακας δεδομένων", "Σύγκριση χωρών"),
    "de": ("Einblicke", "Datentabelle", "Länder vergleichen"),
    "nl": ("Inzichten", "Gegevenstabel", "Landen vergelijken"),
}


@pytest.mark.parametrize("language", EXPECTED)
def test_insights_in_every_language(client, make_practice, language):
    make_practice(country="IT", sectors=["construction"], year_start=2020)
    html = client.get(f"/{language}/insights/").content.decode()
    assert f'<html lang="{language}">' in html
    for text in EXPECTED[language]:
        assert text in html, (language, text)
    assert "Data table" not in html and "Practices by sector" not in html


def test_the_theme_chart_names_themes_in_the_pages_language(client, make_practice):
    make_practice(country="GR", themes=["work-based learning", "urban beekeeping"])
    greek = client.get("/el/insights/").content.decode()
    assert "μάθηση στον χώρο εργασίας" in greek
    assert "urban beekeeping" in greek
    german = client.get("/de/insights/").content.decode()
    assert "arbeitsbasiertes Lernen" in german
    assert "work-based learning" not in german
