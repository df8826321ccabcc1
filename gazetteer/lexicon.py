"""Words that decide whether a capitalised name is a place, and how it is meant.

All entries are name keys (see :func:`gazetteer.normalize.name_key`): lower case,
ASCII, without the Arabic article.
"""

from __future__ import annotations

# Capitalised words of conflict news that are never places on their own, although a
# village somewhere may carry the name. A preceding "town of" still makes them places.
NOT_PLACES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    sept oct nov dec jan feb aug mar apr jun jul sep inc ltd llc corp plc gmbh
    iraqi iraqis syrian syrians kurdish kurd kurds turkish turk turks iranian iranians lebanese jordanian kuwaiti
    libyan yemeni sudanese somali qatari emirati bahraini omani tunisian algerian moroccan armenian azerbaijani
    georgian cypriot greek italian spanish chinese indian pakistani afghan
    american americans russian russians british french german israeli israelis palestinian arab arabs
    saudi emirati qatari egyptian afghan pakistani european western eastern
    shia shiite shiites sunni sunnis yazidi yezidi yazidis yezidis christian christians alawite alawites
    druze turkmen turkoman turkomans turcoman assyrian chaldean arabic persian muslim muslims jihadist jihadists
    islamic islam state government army forces military police security ministry minister president
    prime general colonel major brigadier commander spokesman official officials governor council
    command operations coalition alliance front brigade brigades battalion division regiment
    daesh isis isil hamas hezbollah hizbollah peshmerga pkk ypg ypj sdf hts pmf pmu hashd asayish
    taliban houthi houthis ansarallah hashd shabaab boko haram
    nusra qaeda sahwa ansar jaysh kataib faylaq liwa harakat jabhat tahrir badr asaib nujaba
    reuters afp ap bbc cnn rudaw kurdistan24 sana irna tasnim
    pentagon centcom nato un unhcr ocha who unicef icrc treasury congress senate kremlin white house
    jihad jihadi mujahideen caliphate sharia jewish
    kanun shubat adar nisan ayyar haziran tammuz aab aylul tishreen
    god allah prophet mosque church arbaeen arbain ashura ramadan eid muharram nowruz newroz
    north south east west northern southern central
    northeast northwest southeast southwest northeastern northwestern southeastern southwestern
    breaking update exclusive analysis opinion editorial
    """.split()
)

# Names of media and armed groups that are also real towns: a place only after a
# locative word ("in Al Mayadeen", "the town of Mayadin"), otherwise the channel.
MEDIA_OR_GROUP = frozenset({"mayadeen", "mayadin", "jazeera", "jazira", "arabiya", "bayan", "amaq", "sumaria",
                            "araby jadeed", "arabi jadid", "araby", "naba", "rumiyah", "hadath", "ikhbariya",
                            "sharqiya", "iraqiya", "sumariya", "manar", "etejah"})

# Capitalised words that may stand before a place without making it part of a
# person's or an organisation's name ("Iraqi Kirkuk", "Northern Raqqa").
PLACE_PREFIXES = frozenset(
    """
    north south east west northern southern eastern western central northeastern northwestern
    southeastern southwestern upper lower greater rural old new downtown the in near at from to
    iraqi syrian turkish kurdish iranian lebanese jordanian
    """.split()
)

DIRECTIONS = (
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "north east", "north west", "south east", "south west",
)

# Words after a name that make it a governorate ("Kirkuk province"), a town
# ("Hit district") or an approximate area ("the Mosul outskirts").
ADMIN1_AFTER = ("province", "provinces", "governorate", "governorates", "muhafaza", "countryside", "hinterland",
                "governor", "provincial")
PLACE_AFTER = ("city", "town", "village", "district", "subdistrict", "neighbourhood", "neighborhood", "camp")
NEAR_AFTER = ("outskirts", "suburbs", "area", "surroundings", "environs", "vicinity", "periphery", "desert", "road",
              "highway", "plain", "plains", "hills", "mountains", "valley", "front", "axis", "sector")

# Capitalised words that may follow a place name without making it part of a person's
# name ("Kirkuk Province", "Mosul Dam", "Hawija Operations Command").
PLACE_FOLLOWERS = frozenset(
    """
    province provinces governorate governorates district subdistrict city town village countryside region area
    dam airport airbase air base camp governor governorate's mayor
    university hospital prison bridge road highway checkpoint crossing border front river valley desert mountain
    mountains lake plain plains central
    international old new north south east west northern southern eastern western market mosque refinery
    field oilfield station stadium gate square street citadel castle museum liberation and or
    """.split()
)

# Words after a name that make it an organisation named after the place ("Nineveh Operations
# Command", "Babylon Brigades", "Erbil SC", "Halab Today"): not a place mention.
ORG_FOLLOWERS = frozenset(
    """
    operations command council brigade brigades division battalion regiment corps police security forces
    directorate office university sc fc club tv radio news today media center centre network agency party
    movement authority administration government governorate's eye 24
    """.split()
)

# Common given names of the region (and a few English ones). Many villages carry them too
# (Jasim, Bashir, Nour): read as a place only after a locative cue ("in Jasim").
FIRST_NAMES = frozenset(
    """
    ali hussein husain hassan hasan mohammed muhammad mohamed mohammad ahmed ahmad omar umar othman uthman khalid
    khaled mustafa mostafa ibrahim youssef yusuf yousef abdullah abdallah salah saleh karim kareem nour noor bashir
    basheer samir sameer walid tariq tarek faisal jamal nabil adnan haidar haider abbas jasim jassim kamal rashid
    rasheed said saeed sami fadi rami ziad ziyad bassam hamza hamid hameed majid mahmoud mahmud marwan mazen nasser
    nasir qasim qassem rafiq riad riyad saad sadiq salim saleem shaker sharif talal waleed yasser yasir younis yunus
    zaid zayd ammar anas ayman bakr bilal dawood dawud emad imad fares firas ghassan haitham hisham issa jaafar jafar
    kadhim kazim laith luay maher malik mansour mansur moussa musa muhsin munir murad nawaf nizar qais raed rakan
    sabah safa sahar salem shadi suleiman sulaiman tamer wael yahya zakaria fatima fatma zainab zeinab maryam mariam
    layla leila rania hana huda aisha amal amina asma dalia dina farah hala hiba iman jana lina lubna mona muna nada
    nadia noura reem rima salma samira sara sawsan suad widad yasmin zahra zeina zaina
    azad dilshad hevi jiyan kawa rebwar shvan soran zana nechirvan masrour
    mehmet ahmet mustafa emre murat kemal
    john james michael david mark peter paul george thomas joseph william richard robert charles jordan
    """.split()
)

# Days and months: after a name they date the sentence ("in Basra Saturday"), they do not extend the name.
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
    january february march april june july august september october november december
    """.split()
)

# Lower-case words after a country's abbreviation that make it an adjective: "US forces", "a U.S. official",
# "the UK government" say who, not where (like "Iraqi" or "US-led"); "the US said", "exports to the UK fell"
# keep the country.
AFTER_ADJECTIVE = frozenset(
    """
    forces force troops troop soldiers soldier military army navy marines marine air airforce personnel
    official officials authorities government administration department ministry embassy embassies envoy envoys
    ambassador ambassadors diplomat diplomats delegation spokesman spokeswoman spokesperson president presidents
    secretary senator senators lawmakers congressman congresswoman congress senate state treasury intelligence
    command commander commanders general generals officer officers base bases garrison garrisons outpost
    drone drones strike strikes airstrike airstrikes raid raids aircraft jets warplanes warplane helicopter
    helicopters warship warships vessel vessels sanctions dollar dollars citizen citizens national nationals
    company companies firm firms contractor contractors backed special defense defence
    election elections team teams economy market markets airports airport
    """.split()
)

# Last words of names of organisations, outlets and buildings named after a place: "the Leeds Tenants
# Union", "Basra police", "Ohio State University", "the Nineveh Provincial Council". The place's name in them
# is a toponym, but not where anything happened.
ORG_HEADS = frozenset(
    """
    police coalition university college school academy hospital clinic center centre institute museum library
    press times post herald tribune journal news radio tv television gazette observer daily weekly
    department ministry council assembly parliament committee commission authority agency office bureau board
    party front movement league union federation association society foundation company corporation bank
    club team fc sc stadium church cathedral mosque cup championship brigade brigades regiment division army
    """.split()
)
# Nouns after a name, in lower case, that make it an organisation's or armed group's name: "Basra police", "the
# Hazm movement", "the Hamza brigade".
GROUP_HEADS = frozenset("police movement brigade brigades battalion battalions faction militia militias organisation "
                        "organization party".split())
# Streets named after a place ("the Castle Road", "Baghdad Street"): named after it, not in it, when the place
# lies far from the document's others.
STREET_HEADS = frozenset("road street avenue boulevard".split())
# Titles after a place's name: "the Florida Senator", "Quebec Health Minister", "New York Gov.": the place
# names an office, not where anything happened.
TITLES = frozenset(
    """
    senator senators gov governor governors premier minister ministers mayor mayors president secretary mla mp
    mps congressman congresswoman councillor councilman sheriff coroner republican republicans democrat democrats
    attorney prosecutor
    """.split()
)
# Hyphenated words after a name that make it an adjective: "US-led", "Iran-backed", "Aleppo-born".
MODIFIER_SUFFIXES = frozenset("led backed based born bound held controlled run allied linked sponsored".split())

# Surnames of the region's leaders as written (not as name keys: "Assad" would be the key "sad", a village):
# a person, unless "the town of" says otherwise.
LEADERS = frozenset(
    """
    assad saddam maliki abadi sadr sistani erdogan putin obama trump biden barzani talabani zarqawi
    nasrallah khamenei soleimani muhandis jolani julani
    """.split()
)

# Words before a name that make it a person's: "Dr. Darwish", "Sheikh Hamad", "Gen. Hama".
HONORIFICS = frozenset(
    """
    dr mr mrs ms miss gen general col colonel lt maj major capt captain sgt brig prof professor rev sheikh shaykh
    imam sayyed sayyid mullah mufti judge
    """.split()
)
