"""An audit of the thesaurus's subjects against ISCED-F 2013, the
international classification of fields of education and training (UNESCO
Institute for Statistics, adopted 2013; Eurostat's ISCED-F manual, 2015):
every detailed field (four digits) and the concepts that name it.

A practice is about some field of education; a query naming a field nothing
names reaches nothing across languages. ``python -m search.fields_of_education``
prints the detailed fields no concept names (none, since
search/synonyms/concepts/fields-of-education.json). The generic
"interdisciplinary" (xx88) and "not elsewhere classified" (xx99) fields are
left out: they name no subject of their own.

ISCED-F 2013 codes and field names are facts of the classification (UNESCO
UIS, reproduction authorised provided the source is acknowledged).
"""

import sys

from . import thesaurus_files

# (code, field name, concepts naming the field).
FIELDS = (
    ("0011", "Basic programmes and qualifications", ("basic skills",)),
    ("0021", "Literacy and numeracy", ("basic skills",)),
    ("0031", "Personal skills and development", ("soft skills",)),
    ("0111", "Education science", ("pedagogy",)),
    ("0112", "Training for pre-school teachers", ("childcare",)),
    ("0113", "Teacher training without subject specialisation", ("teacher",)),
    ("0114", "Teacher training with subject specialisation", ("teacher",)),
    (
        "0211",
        "Audio-visual techniques and media production",
        ("audiovisual and media",),
    ),
    (
        "0212",
        "Fashion, interior and industrial design",
        ("fashion and textiles", "interior design", "industrial design"),
    ),
    ("0213", "Fine arts", ("fine arts",)),
    ("0214", "Handicrafts", ("craft",)),
    ("0215", "Music and performing arts", ("performing arts",)),
    ("0221", "Religion and theology", ("religion and theology",)),
    ("0222", "History and archaeology", ("history and archaeology",)),
    ("0223", "Philosophy and ethics", ("philosophy and ethics",)),
    ("0231", "Language acquisition", ("language skills",)),
    ("0232", "Literature and linguistics", ("literature and linguistics",)),
    ("0311", "Economics", ("economics",)),
    ("0312", "Political sciences and civics", ("citizenship competence",)),
    ("0313", "Psychology", ("psychology",)),
    ("0314", "Sociology and cultural studies", ("sociology and cultural studies",)),
    ("0321", "Journalism and reporting", ("journalism",)),
    ("0322", "Library, information and archival studies", ("libraries",)),
    ("0411", "Accounting and taxation", ("accounting and administration",)),
    ("0412", "Finance, banking and insurance", ("finance and insurance",)),
    ("0413", "Management and administration", ("managers and business owners",)),
    ("0414", "Marketing and advertising", ("marketing",)),
    ("0415", "Secretarial and office work", ("accounting and administration",)),
    ("0416", "Wholesale and retail sales", ("retail", "sales")),
    ("0417", "Work skills", ("employability",)),
    ("0421", "Law", ("legal services",)),
    ("0511", "Biology", ("biology",)),
    ("0512", "Biochemistry", ("biochemistry",)),
    ("0521", "Environmental sciences", ("environmental management",)),
    ("0522", "Natural environments and wildlife", ("biodiversity",)),
    ("0531", "Chemistry", ("chemistry",)),
    ("0532", "Earth sciences", ("earth sciences",)),
    ("0533", "Physics", ("physics",)),
    ("0541", "Mathematics", ("stem",)),
    ("0542", "Statistics", ("data analysis",)),
    ("0611", "Computer use", ("digital skills", "office software")),
    (
        "0612",
        "Database and network design and administration",
        ("ict support", "cloud computing"),
    ),
    (
        "0613",
        "Software and applications development and analysis",
        ("software development",),
    ),
    (
        "0711",
        "Chemical engineering and processes",
        ("chemical and pharmaceutical industry",),
    ),
    ("0712", "Environmental protection technology", ("waste and water management",)),
    ("0713", "Electricity and energy", ("electrician", "energy sector")),
    ("0714", "Electronics and automation", ("electronics", "mechatronics")),
    (
        "0715",
        "Mechanics and metal trades",
        ("mechanical engineering", "welding and metalworking"),
    ),
    (
        "0716",
        "Motor vehicles, ships and aircraft",
        ("automotive repair", "boatbuilding", "aircraft maintenance"),
    ),
    ("0721", "Food processing", ("food processing",)),
    (
        "0722",
        "Materials (glass, paper, plastic and wood)",
        ("woodworking", "plastics processing", "ceramics and glass"),
    ),
    (
        "0723",
        "Textiles (clothes, footwear and leather)",
        ("fashion and textiles", "leather and footwear"),
    ),
    ("0724", "Mining and extraction", ("mining and quarrying",)),
    ("0731", "Architecture and town planning", ("architecture and town planning",)),
    ("0732", "Building and civil engineering", ("construction", "civil engineering")),
    ("0811", "Crop and livestock production", ("agriculture", "livestock farming")),
    ("0812", "Horticulture", ("horticulture",)),
    ("0821", "Forestry", ("forestry",)),
    ("0831", "Fisheries", ("maritime and fisheries",)),
    ("0841", "Veterinary", ("animal care",)),
    ("0911", "Dental studies", ("dental technician", "medical and dental assistants")),
    ("0912", "Medicine", ("medicine",)),
    ("0913", "Nursing and midwifery", ("nursing", "midwifery")),
    (
        "0914",
        "Medical diagnostic and treatment technology",
        ("medical diagnostic and treatment technology",),
    ),
    ("0915", "Therapy and rehabilitation", ("physiotherapy",)),
    ("0916", "Pharmacy", ("pharmacy technician",)),
    (
        "0917",
        "Traditional and complementary medicine and therapy",
        ("complementary medicine",),
    ),
    ("0921", "Care of the elderly and of disabled adults", ("elderly care",)),
    ("0922", "Child care and youth services", ("childcare", "social work")),
    ("0923", "Social work and counselling", ("social work",)),
    ("1011", "Domestic services", ("domestic work",)),
    ("1012", "Hair and beauty services", ("hairdressing", "beauty care")),
    (
        "1013",
        "Hotels, restaurants and catering",
        ("tourism and hospitality", "catering"),
    ),
    ("1014", "Sports", ("sport and fitness",)),
    ("1015", "Travel, tourism and leisure", ("tour guiding and travel agencies",)),
    ("1021", "Community sanitation", ("waste and water management",)),
    ("1022", "Occupational health and safety", ("occupational safety and health",)),
    ("1031", "Military and defence", ("military and defence",)),
    ("1032", "Protection of persons and property", ("security services",)),
    ("1041", "Transport services", ("transport",)),
)


def unnamed(entries=None):
    """The detailed fields none of whose concepts the thesaurus holds:
    (code, name, the concepts missing)."""
    return thesaurus_files.unnamed(FIELDS, entries)


if __name__ == "__main__":
    gaps = unnamed()
    for code, name, missing in gaps:
        sys.stdout.write(f"{code} {name}: no concept ({', '.join(missing)})\n")
    sys.stdout.write(f"{len(gaps)} of {len(FIELDS)} detailed fields name no concept\n")
