"""What happened: ACLED event type and sub-event type, and how many were killed.

Rules are ordered: the first sub-event whose trigger appears (outside a future,
intended or denied context) types the sentence. A sentence with no trigger, or one
that only reports a trend, a statement or a plan, is not an incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.arabic import arabic_fatalities, classify_arabic, mostly_arabic

_RULES: list[tuple[str, str, str]] = [
    ("Explosions/Remote violence", "Suicide bomb",
     r"suicide\s+(?:bomb\w*|attack\w*|car\s+bomb|vest|truck\s+bomb)|blew\s+(?:himself|herself|themselves)\s+up"),
    ("Strategic developments", "Disrupted weapons use",
     r"(?:shot\s+down|intercepted|downed)\s+(?:[\w-]+\s+){0,3}(?:drones?|missiles?|rockets?)|\bcache\s+of\b|"
     r"(?:found|seized|discovered|uncovered)\s+(?:\w+\s+){0,3}(?:weapons|explosives|rockets|ammunition|IEDs)\b|"
     r"\bdefus\w+|dismantled\s+(?:an?\s+)?(?:\w+\s+)?(?:IED|bomb|explosive)"),
    ("Explosions/Remote violence", "Air/drone strike",
     r"air\s*-?\s*strikes?|air\s*raids?|drone\s+(?:strikes?|attacks?)|(?:drones?|warplanes?|jets?|aircraft|helicopters?|"
     r"planes?|bombers?)\s+(?:\w+\s+){0,3}(?:struck|strikes?|hit|targeted|targeting|bombed|bombing|attacked|fired|shelled|"
     r"pounded|carried\s+out)|(?:struck|targeted|hit|bombed)\s+by\s+(?:an?\s+)?(?:\w+\s+)?(?:drones?|warplanes?|aircraft|"
     r"jets?|helicopters?)|aerial\s+(?:bombardment|attack|strike)|(?:barrel|cluster)\s+bombs?|airstrikes?|"
     r"\b(?:aviation|air\s+force)\b[^.;]{0,40}\bstrikes?\b|carried\s+out\s+(?:an?\s+)?(?:\w+\s+){0,2}strikes?\b|"
     r"loitering\s+munitions?|kamikaze\s+drones?|suicide\s+drones?|\bUAVs?\b[^.;]{0,30}\b(?:struck|hit|targeted)|"
     r"\b(?:Israeli|Turkish|US|U\.S\.|American|Russian|coalition|Iranian|Jordanian)\s+(?:air\s+|drone\s+)?strikes?\b|"
     r"(?<!general\s)(?<!hunger\s)\bstrikes?\s+(?:hit|targeted|struck|killed|destroyed)\b|"
     r"\bstruck\s+(?:[\w-]+\s+){0,2}targets\b"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack",
     r"\bshell(?:ed|ing|s)\b|artillery|mortars?\b|rockets?\b|missiles?\b|katyusha|barrage|bombard(?:ed|ment)|"
     r"(?:targeted|targeting|pounded|pounding)\s+(?:\w+\s+){0,3}(?:positions|fortifications|hideouts|gatherings|"
     r"dens|headquarters)\b"),
    ("Explosions/Remote violence", "Grenade", r"\bgrenades?\b"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED",
     r"\bIEDs?\b|improvised\s+(?:explosive|device)|explosive\s+remnants?\s+of\s+war|\bERWs?\b|roadside\s+bombs?|land\s*-?\s*mines?|\bmines?\s+(?:blast|explo\w+|went\s+off)|"
     r"car\s+bombs?|vehicle-borne|VBIED|explosive\s+device|sticky\s+bombs?|motorcycle\s+bombs?|booby[\s-]trap\w*|"
     r"unexploded\s+(?:ordnance|shells?|munitions?|bombs?)|(?:bomb|explosive)s?\s+(?:blast|explo\w+|went\s+off|attack|"
     r"planted|detonated|hit|struck)|\bexplosions?\b|\bblasts?\b|\bbombings?\b|\bexploded\b|\bdetonat\w+"),
    ("Violence against civilians", "Abduction/forced disappearance",
     r"\bkidnap\w*|\babduct\w*|forcibly\s+disappear\w*|taken\s+hostage|snatched"),
    ("Riots", "Mob violence",
     r"(?:crowd|mob|residents|villagers)\b[^.]{0,40}\b(?:beat|beaten|lynched|stoned)\b|\blynch\w*|beat(?:en)?\s+(?:\w+\s+)"
     r"{0,4}to\s+death|stoned\s+to\s+death"),
    ("Riots", "Violent demonstration",
     r"\briot(?!\s+(?:police|gear|control|squad|units?))\w*|\bmob\b|(?:threw|throwing|hurled|hurling)\s+stones|"
     r"\bburn(?:ed|t|ing)\s+tyres|(?:protesters|demonstrators|crowds?|rioters|angry\s+residents)"
     r"\b[^.]{0,80}\b(?:stormed|set\s+(?:fire|ablaze)|torched|burn(?:ed|t|ing)|smashed|ransacked)\b|"
     r"\b(?:stormed|torched|set\s+fire\s+to)\b[^.]{0,60}\b(?:protesters|demonstrators|crowds?)\b"),
    ("Protests", "Protest with intervention",
     r"(?:tear\s*gas|water\s+cannon|rubber\s+bullets)[^.]{0,60}\bdispers\w+|(?:protest\w*|demonstrat\w*|rall\w+|sit-in)\b.*?\b(?:tear\s*gas|dispersed|fired\s+(?:into\s+the\s+air|on|at)|"
     r"water\s+cannon|beat|arrested|detained)|(?:tear\s*gas|dispersed|water\s+cannon)\b.*?\b(?:protest\w*|demonstrat\w*)"),
    ("Protests", "Peaceful protest",
     r"\bprotest(?:ed|ers|ors|s|ing)?\b|demonstrat(?:ed|ion|ions|ors|ing)|\brall(?:y|ies|ied)\b|\bsit-in\b|"
     r"took\s+to\s+the\s+streets|\bmarched\b|\bvigil\b|\bgathered\s+peacefully\b|\b(?:gathered|assembled)\b[^.]{0,100}\b(?:to\s+demand|"
     r"demanding|to\s+protest|protesting|to\s+denounce|against|calling\s+for|chanting|to\s+condemn)"),
    ("Battles", "Government regains territory",
     r"\b(?:retook|recaptured|regained|re-?took|liberat(?:ed|ing)|took\s+(?:full\s+)?control|taken\s+(?:full\s+)?control|"
     r"seized\s+control|captured|ejected|expelled|drove\s+\w+(?:\s+\w+){0,3}\s+out|broke\s+the\s+siege|cleared|"
     r"victory\s+(?:against|over))\b"),
    ("Battles", "Armed clash",
     r"\b(?:military|security|ground|new)\s+operations?\b|\blaunched\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}operations?\b|"
    r"\bshot\s+down\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:helicopters?|planes?|jets?|aircraft|warplanes?)|"
    r"\b(?:helicopters?|planes?|jets?|aircraft|warplanes?)\s+(?:was|were)\s+shot\s+down|"
    r"\bcounter-?attack\w*|\bstorm(?:ed|ing)\b|\binvad(?:ed|ing)\b|\bkilled\s+in\s+(?:combat|action|the\s+fighting)\b|"
    r"\b(?:attack(?:ed|ing)|target(?:ed|ing)|struck|striking|hit)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}(?:positions|"
    r"fortifications|defen[cs]es|lines|sites|bases|posts|strongholds|hideouts)\b|\bcaptur(?:e|ing)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,3}(?:town|city|village|hill|district|airport|base|points|areas)\b|"
     r"\bclash\w*|\bfighting\b|\bfought\b|\bbattl\w+|gun\s*-?\s*(?:fight|battle)|fire\s*fight|exchange[sd]?\s+(?:of\s+)?(?:gun)?fire|"
     r"armed\s+(?:fight|confrontation)|\bneutrali[sz]ed\b|"
     r"\bambush\w*|\boffensive\b|\bassault\w*|\binfiltrat\w+|repelled|\bsnipers?\b|"
     r"\braid\w*\b[^.;]{0,80}\bkill(?:ed|ing)\b|"
     r"attack\w*\s+(?:on\s+)?(?:an?\s+|the\s+|their\s+)?(?:\w+\s+){0,2}(?:checkpoint|position|post|base|outpost|convoy|"
     r"patrol|barracks|headquarters|troops|soldiers|forces|fighters|militants|unit)s?"),
    ("Violence against civilians", "Attack",
     r"\b(?:executed|murdered|assassinat\w+|massacre\w*|gunned\s+down|stabbed|beheaded|shot\s+dead|killed|shot|"
     r"martyred|opened\s+fire|attack\w*)\b"),
    ("Strategic developments", "Arrests",
     r"\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|ing|s)?\b|\bapprehended\b|rounded\s+up|(?:were|was)\s+picked\s+up|\bcaptured\s+(?:\w+\s+){0,2}suspects?"),
    ("Strategic developments", "Looting/property destruction",
     r"\bloot\w*|\bat\s+gunpoint\b|\bseized\s+(?:the\s+)?(?:\w+\s+){0,2}(?:trucks|vehicles?|cars?|cargo|aid|goods)\b|"
     r"\bpillag\w*|\bdemolish\w*|\bbulldoz\w*|\bransack\w*|\bbroke\s+into\b|set\s+(?:fire|ablaze)|"
     r"\btorched\b|\barson\b|burn(?:ed|t)\s+(?:down\s+)?(?:\w+\s+){0,3}(?:houses|homes|shops|fields|crops|tanker|cars?)"),

    ("Strategic developments", "Headquarters or base established",
     r"(?:established|set\s+up|built)\s+(?:a\s+|an\s+|new\s+)*(?:\w+\s+)?(?:base|headquarters|outpost|position|checkpoint)s?"),
    ("Strategic developments", "Change to group/activity",
     r"\bdeploy\w*|\breinforce\w*|sent\s+(?:\w+\s+){0,2}(?:troops|forces|reinforcements|fighters|units)|"
     r"\bmobili[sz]\w*|\bwithdr[ae]w\w*|\bredeploy\w*|troops\s+(?:arrived|moved|massed)"),
]
RULES = [(etype, sub, re.compile(pattern, re.I)) for etype, sub, pattern in _RULES]

# Words before a trigger that make it a plan, a threat or a denial rather than an event.
_UNREAL = re.compile(
    r"\b(?:will|would|could|might|may|shall|to|orders?|ordered|plans?\s+to|planning|plotting|preparing|accused\s+of|"
    r"suspected\s+of|charged\s+with|threaten\w*|vow\w*\s+to|"
    r"seeks?\s+to|sought\s+to|aims?\s+to|intends?\s+to|ready\s+to|able\s+to|capable\s+of|fears?\s+of|risk\s+of|"
    r"possibility\s+of|prevent|deny|denied|denies|no|not|never|without|against\s+a\s+possible)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
# "attempted to infiltrate", "tried to storm": the attempt happened.
_ATTEMPT = re.compile(r"\b(?:attempt(?:ed|ing)?|tried|trying)\s+to\s+(?:\w+\s+){0,2}$", re.I)
# Sentences that describe a trend, a statement, a plan or background, not one event.
_NOT_AN_EVENT = re.compile(
    r"\b(?:an\s+average\s+of|on\s+average|per\s+(?:month|year|week|day)|tends?\s+to|have\s+been\s+(?:far|more|less)|"
    r"usually|typically|often|regularly|frequently|in\s+recent\s+(?:years|months|weeks)|over\s+the\s+(?:last|past)\s+"
    r"(?:\w+\s+)?(?:years|months|decade)|between\s+\w+\s+\d{4}\s+and|since\s+(?:(?:early|mid|late)[\s-]+)?(?:19|20)\d\d|since\s+the\s+(?:fall|start|beginning|end)\b|so\s+far\s+this\s+year|"
    r"warrants?\b|designat\w+|sanction\w*|\bsummit\b|\bcondemn\w*|\bwould\s+be\b|\bcould\s+be\b|the\s+risk\s+of|"
    r"is\s+expected\s+to|if\s+\w+|\bopinion\b|we\s+need|should\b|\b(?:are|is)\s+(?:frequent|common|"
    r"rare|routine)\b|\bfrequent\b|\bhas\s+seen\b|\bhave\s+seen\b|\b(?:years|decades)\s+after\b|"
    r"\bwas\s+the\s+scene\s+of\b|\bhas\s+been\s+hit\s+by\b|\bin\s+(?:19|20)\d\d\b(?!\s*[-–/])|"
    r"\bescalation\s+of\b|\b(?:fell|rose|dropped|declined|increased|decreased)\s+by\b|"
    r"\bfigures\s+show|\bstatistics\b|\bper\s*cent\b|\bevery\s+(?:summer|winter|year|month|week|day|spring|autumn)\b|"
    r"\b(?:is|are|was|were)\s+(?:due|scheduled|set)\s+to\b|\bduring\s+(?:19|20)\d\d\b|\bestimates?\s+that\b|"
    r"\b(?:dozens|hundreds|scores|thousands)\s+of\s+(?:[\w-]+\s+){0,2}(?:strikes|attacks|raids|killings|"
    r"assassinations|arrests)\b[^.;]*\b(?:this|last|the\s+past)\s+(?:year|month)|\brecorded\s+\d[\d,]*\s+\w+\s+in\s+"
    r"the\s+(?:past|last)\b|\bremains?\s+(?:missing|scattered|unaccounted)|\bremained\s+(?:elevated|high|low|tense|calm|volatile)\b|"
    r"\banniversary\b|\bcommemorat\w+|\bden(?:y|ies|ied)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:news|reports?|rumou?rs?|claims?)\b|"
    r"\b(?:rejected|dismissed|refuted)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:claims?|reports?|allegations?)\b|"
    r"\bclaim(?:s|ed|ing)?\s+that\b|^\W*CLAIM\b|\bshared\s+as\s+showing\b|\ballegations?\s+that\b|"
    r"\b(?:is|are|was|were)\s+(?:false|untrue|fake|fabricated|misleading|baseless|unfounded)\b|\brumou?rs?\b|"
    r"\bwarn(?:ed|s|ing)?\s+(?:that|of|against)\b|\bforecast\b|\bcalls?\s+for\s+(?:demonstrations|protests|a\s+strike)|"
    r"\bover\s+the\s+(?:past|last)\s+\d+\s+hours\b|\b\d+(?:\.\d+)?\s*%|\bcompared\s+with\b|\b(?:convicted|sentenced)\b|\bmore\s+than\s+\d+\s+times\b|"
    r"\bis\s+the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+"
    r"(?:[\w-]+\s+)?(?:journalist|person|civilian|soldier|aid\s+worker|doctor)s?\s+(?:killed|to\s+be\s+killed)|"
    r"\bdied\s+(?:of|from)\s+(?:his\s+|her\s+|their\s+)?(?:wounds|injuries)\s+sustained|"
    r"\bsince\s+(?:its|the)\s+(?:[\w-]+\s+)?(?:conflict|war|uprising|revolution|crisis)\s+(?:began|started|erupted|"
    r"broke\s+out)\b|"
    r"\bsince\s+(?:the\s+)?(?:clashes|fighting|hostilities|violence)\s+"
    r"(?:broke\s+out|began|started|erupted))",
    re.I,
)
_CIVILIAN = re.compile(
    r"\b(?:civilians?|people|persons|individuals|pedestrians|shoppers|hostages|prisoners|detainees|"
    r"shepherds?|farmers?|villagers?|women|woman|children|child|boys?|girls?|famil(?:y|ies)|workers?|"
    r"teachers?|doctors?|journalists?|residents?|worshippers?|pilgrims?|passers-by|truffle\s+hunters?|students?|"
    r"displaced|refugees?|an?\s+(?:man|elderly)|officials?|council|mukhtar|owner|shopkeepers?|employees?|engineers?|"
    r"activists?|candidates?|lawyers?|judges?|clerics?|imams?|politicians?|traders?|merchants?|drivers?|nationals?|"
    r"schoolteachers?|nurses?|pharmacists?|vendors?|labou?rers?|passengers?|brothers?|sons?|daughters?|wife|husband|"
    r"fathers?|mothers?|relatives|elderly|sheikh|mayor|headman|barber|tailor|mechanic|shepherd|herders?|"
    r"a\s+(?:young\s+)?(?:man|boy|girl|woman)|an\s+(?:old|elderly)\s+(?:man|woman)|young\s+men|"
    r"former\s+(?:[\w-]+\s+){0,2}(?:commander|fighter|member|officer|soldier))\b",
    re.I,
)
_ARMED_TARGET = re.compile(
    r"\b(?:soldiers?|troops|forces|fighters?|militants?|jihadists?|insurgents?|combatants?|"
    r"police(?:men)?|officers?|guards?|checkpoint|patrol|convoy|"
    r"members\s+of|army|militia\w*|peshmerga|personnel|base|outpost|position|commander)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class EventType:
    event_type: str
    sub_event_type: str
    start: int  # offset of the trigger in the sentence
    end: int
    generic: bool = False  # typed only by a word any violence shares ("killed", "attack"), not by its kind


def classify(sentence: str) -> EventType | None:
    """ACLED type of the event a sentence reports, or None when it reports none."""
    if mostly_arabic(sentence):
        found = classify_arabic(sentence)
        return EventType(*found) if found else None
    if _NOT_AN_EVENT.search(sentence):
        return None
    for event_type, sub_event_type, pattern in RULES:
        for m in pattern.finditer(sentence):
            before = sentence[max(0, m.start() - 40) : m.start()]
            if _UNREAL.search(before) and not _ATTEMPT.search(before):
                continue
            armed = _ARMED_TARGET.search(sentence)
            if sub_event_type == "Attack" and (not _CIVILIAN.search(sentence) or (armed and not _civilians_targeted(
                    sentence))):
                # Violence against armed men is a battle in ACLED's terms, not violence against civilians.
                if armed and re.search(r"\b(?:killed|attack\w*|martyred|shot|opened\s+fire|gunned|assassinat\w+)",
                                       m.group(), re.I):
                    return EventType("Battles", "Armed clash", m.start(), m.end(), True)
                if not armed and _DELIBERATE.fullmatch(m.group()):  # "gunmen shot dead Ahmad al-X in Y"
                    return EventType(event_type, sub_event_type, m.start(), m.end(), True)
                continue
            if sub_event_type == "Government regains territory" and _non_state_agent(sentence):
                return EventType(event_type, "Non-state actor overtakes territory", m.start(), m.end())
            return EventType(event_type, sub_event_type, m.start(), m.end(), sub_event_type == "Attack")
    return None


# Killings that are attacks whoever the victim was, even when the text does not say.
_DELIBERATE = re.compile(r"executed|murdered|assassinat\w+|gunned\s+down|stabbed|beheaded|shot\s+dead|opened\s+fire",
                         re.I)


def _civilians_targeted(sentence: str) -> bool:
    """Civilians are the object ("killed four members of one family") or the passive subject ("a woman was shot")."""
    verbs = r"(?:killed|shot|executed|abducted|attacked|targeted|murdered|stabbed|kidnapped)"
    return bool(re.search(rf"\b{verbs}\s+(?:\w+\s+){{0,5}}" + _CIVILIAN.pattern, sentence, re.I)
                or re.search(_CIVILIAN.pattern + rf"[^.;]{{0,60}}\b(?:was|were)\s+(?:\w+\s+)?{verbs}", sentence, re.I))


def _non_state_agent(sentence: str) -> bool:
    passive = re.search(r"\b(?:captured|seized|taken|overrun|overran)\s+by\s+(?:[\w-]+\s+){0,3}(?:factions|rebels|"
                        r"militants|jihadists|insurgents|opposition|hts|sdf|ypg|islamic\s+state|isis|tribal)",
                        sentence, re.I)
    active = re.search(r"\b(?:islamic\s+state|isis|isil|daesh|militants|jihadists|insurgents|rebels|hts|"
                       r"tahrir\s+al-sham|factions|sdf|ypg|opposition)\b[^.]{0,60}\b(?:captured|seized|took|"
                       r"overran|stormed)", sentence, re.I)
    return bool(passive or active)


# A sentence that only updates an event's toll ("the toll rose to 12"): a source of that event.
TOLL_UPDATE = re.compile(r"\b(?:death\s+)?toll\b[^.;]{0,40}\b(?:rose|risen|climbed|reached|increased|stood|stands)\b|"
                         r"\b(?:rose|risen|climbed)\s+to\s+\d", re.I)


# -- fatalities ------------------------------------------------------------------------------
_UNITS = {"zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
          "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "dozens": 12, "several": 3, "a few": 3,
          "scores": 20, "hundreds": 100, "a couple": 2, "couple": 2, "both": 2, "another": 1}
_NUM = (r"(?:\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
        r"seven|eight|nine))?|a\s+dozen|a\s+hundred|a\s+couple|a\s+few|dozens|scores|hundreds|several|" + "|".join(
            sorted((k for k in _UNITS if " " not in k and k not in ("no", "zero")), key=len, reverse=True)) + ")")
_NUM_STRICT = (r"(?:\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|"
               r"five|six|seven|eight|nine))?|a\s+dozen|a\s+hundred|a\s+couple|dozens|scores|hundreds|several|" +
               "|".join(sorted((k for k in _UNITS if " " not in k and k not in ("no", "zero", "a", "an", "another")),
                               key=len, reverse=True)) + ")")
_QUAL = (r"(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+|some\s+|up\s+to\s+|"
         r"as\s+many\s+as\s+)?")
_KILL_VERB = r"(?:killed|dead|died|slain|executed|shot\s+dead|lost\s+their\s+lives|perished|martyred|beheaded)"
_FATALITY_PATTERNS = [
    re.compile(rf"\b(?:kill(?:ed|ing|s)?|claimed\s+the\s+lives\s+of|leaving|left)\s+{_QUAL}(?P<n>{_NUM})\b"
               rf"(?!\s+(?:people\s+|others\s+|civilians\s+)?(?:wounded|injured|hurt))", re.I),
    re.compile(rf"\b(?P<n>{_NUM_STRICT})\s+(?:[\w'’]+[\s-]+){{0,8}}?(?:were|was|have\s+been|had\s+been|are|got|"
               rf"being)?\s*(?:also\s+)?{_KILL_VERB}\b", re.I),
    re.compile(rf"\b(?P<n>{_NUM_STRICT})\s+(?:[\w'’]+\s+){{0,3}}?[\w'’]+,\s+including\s+[^,.;]{{1,60}},\s+"
               rf"(?:were\s+|have\s+been\s+)?{_KILL_VERB}\b", re.I),
    # Tallies and headlines without a verb: "- A child killed by a landmine in ...", "An SDF member killed by ..."
    re.compile(r"^\W*(?P<n>an?|one)\s+(?:[\w'’-]+\s+){0,6}?(?:killed|shot\s+dead|martyred)\b", re.I),
    re.compile(r"\bkill(?:ed|ing)\s+(?P<n>him|her)\b", re.I),
    re.compile(rf"\b(?P<n>{_NUM_STRICT})\s+(?:[\w-]+\s+){{0,3}}?(?:were\s+|was\s+)?neutrali[sz]ed\b", re.I),
    re.compile(rf"\b(?P<n>{_NUM_STRICT})\s+[^.;:!?\d]{{0,90}}?\b(?:were|was|have\s+been|had\s+been)\s+(?:also\s+)?"
               rf"{_KILL_VERB}\b", re.I),
    re.compile(rf"\b(?:shot\s+dead|gunned\s+down|executed|murdered|assassinated|beheaded|stabbed\s+to\s+death)\s+"
               rf"{_QUAL}(?P<n>{_NUM}|the|his|her)\b(?!\s+(?:of\s+the\s+)?(?:wounded|injured))", re.I),
    re.compile(rf"\b(?P<n>an?|one|another)\s+(?:[\w'’-]+\s+){{0,7}}?was\s+(?:also\s+)?{_KILL_VERB}\b", re.I),
    re.compile(r"\bkill(?:ed|ing)\s+(?P<n>its|the|a|an|one|his|her|their)\s+(?:[\w-]+\s+)?(?:driver|man|woman|child|"
               r"boy|girl|soldier|officer|policeman|fighter|member|commander|shepherd|farmer|son|daughter|brother|"
               r"father|mother|owner|passenger|guard|civilian|resident)\b", re.I),
    re.compile(rf"\bdeaths?\s+of\s+{_QUAL}(?P<n>{_NUM})\b", re.I),
    re.compile(rf"\b(?:death\s+toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|at|of)\s+{_QUAL}(?P<n>{_NUM})\b", re.I),
    re.compile(rf"\b(?P<n>{_NUM})\s+(?:people\s+|civilians\s+|soldiers\s+)?(?:deaths|dead|fatalities|bodies)\b", re.I),
]


_PAIR = re.compile(rf"\b(?P<a>{_NUM})\s+[\w\s'’()-]{{1,60}}?\s+and\s+(?P<b>{_NUM})\s+[\w\s'’()-]{{1,60}}?\s+"
                   rf"(?:were|have\s+been|had\s+been)\s+(?:also\s+)?{_KILL_VERB}\b", re.I)


_ALONG_WITH = re.compile(rf"\b(?:was|were)\s+(?:\w+\s+)?{_KILL_VERB}\b[^.;]{{0,40}}?\balong\s+with\s+{_QUAL}"
                         rf"(?P<n>{_NUM_STRICT})\b", re.I)


_ONE_DEAD = re.compile(r"\bwas\s+(?:also\s+)?(?:killed|shot\s+dead|martyred|executed|assassinated)\b", re.I)
_HIMSELF_AND = re.compile(rf"\bkill(?:ing|ed)\s+(?:him|her)self\s+and\s+{_QUAL}(?P<n>{_NUM_STRICT})\b", re.I)
_DATE_NUMBER = re.compile(r"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_MONTH_BEFORE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$", re.I)


# A number followed by one of these counts something other than the dead ("100 metres", "3 pm").
_NOT_PEOPLE = re.compile(r"\s*(?:years?|km|kilomet|miles|met(?:re|er)s?|m\b|yards|feet|hectares|dunams?|tons?|tonnes|"
                         r"houses|homes|percent|%|am|pm|a\.m|p\.m)")


def number_value(text: str) -> int | None:
    """ "eleven" -> 11, "1,200" -> 1200, "a dozen" -> 12, "twenty-one" -> 21.

    >>> number_value("twenty-one"), number_value("a dozen"), number_value("1,200")
    (21, 12, 1200)
    """
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("its", "the", "his", "her", "their", "him"):
        return 1
    if re.fullmatch(r"\d[\d,]*", t):
        return int(t.replace(",", ""))
    if t in _UNITS:
        return _UNITS[t]
    parts = re.split(r"[\s-]", t)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return None


def fatalities(sentence: str) -> int:
    """Deaths a sentence reports (the largest figure given for this event), 0 when none."""
    if mostly_arabic(sentence):
        return arabic_fatalities(sentence)
    best = 0
    for pattern in _FATALITY_PATTERNS:
        for m in pattern.finditer(sentence):
            n = number_value(m.group("n"))
            tail = sentence[m.end() : m.end() + 25].lower()
            if n is None or n > 100_000 or _NOT_PEOPLE.match(tail):
                continue
            if _DATE_NUMBER.match(sentence[m.end("n"):]) or _MONTH_BEFORE.search(sentence[:m.start("n")]):
                continue  # "On 13 March, a Peshmerga member was killed": a date, not a count
            if re.search(r"wounded|injured", sentence[m.start(): m.end()], re.I):
                continue
            best = max(best, n)
    if not best and _ONE_DEAD.search(sentence):  # "Shirin Khalil, a journalist, was killed": one
        best = 1
    for m in _HIMSELF_AND.finditer(sentence):  # "killing himself and three members of the security forces"
        n = number_value(m.group("n"))
        if n is not None:
            best = max(best, n + 1)
    for m in _ALONG_WITH.finditer(sentence):  # "was killed along with two of his aides": three dead
        n = number_value(m.group("n"))
        if n is not None:
            best = max(best, n + 1)
    for m in _PAIR.finditer(sentence):  # "an Iraqi soldier and three militants were killed"
        a, b = number_value(m.group("a")), number_value(m.group("b"))
        if a is not None and b is not None:
            best = max(best, a + b)
    return best
