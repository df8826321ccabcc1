"""The words that tell what happened: ACLED event types by their triggers, and what makes a trigger no event.

One vocabulary, used by :mod:`geomap.events`. Rules are ordered: the first sub-event whose trigger appears
(outside a future, intended or denied context) types a sentence.
"""

from __future__ import annotations

import re

from geomap.dates import MONTH

EVENT_RULES: list[tuple[str, str, str]] = [
    ("Explosions/Remote violence", "Suicide bomb",
     r"suicide\s+(?:bomb\w*|attack\w*|car\s+bomb|vest|truck\s+bomb)|blew\s+(?:himself|herself|themselves)\s+up"),
    ("Strategic developments", "Disrupted weapons use",
     r"(?:shot\s+down|intercepted|downed)\s+(?:[\w-]+\s+){0,3}(?:drones?|missiles?|rockets?)|\bcache\s+of\b|"
     r"(?:found|seized|discovered|uncovered)\s+(?:\w+\s+){0,3}(?:weapons|explosives|rockets|ammunition|IEDs)\b|"
     r"\bdefus\w+|dismantled\s+(?:an?\s+)?(?:\w+\s+)?(?:IED|bomb|explosive)"),
    ("Explosions/Remote violence", "Air/drone strike",
     r"air\s*-?\s*strikes?|air\s*raids?|drone\s+(?:strikes?|attacks?)|(?:drones?|warplanes?|jets?|aircraft|helicopters?|"
     r"planes?|bombers?)\s+(?:\w+\s+){0,3}(?:struck|strikes?|hit|targeted|targeting|bombed|bombing|attacked|fired|shelled|"
     r"pounded|carried\s+out|launched\s+(?:\w+\s+){0,2}raids?)|(?:struck|targeted|hit|bombed)\s+by\s+(?:an?\s+)?(?:\w+\s+)?(?:drones?|warplanes?|aircraft|"
     r"jets?|helicopters?)|aerial\s+(?:bombardment|attack|strike)|(?:barrel|cluster)\s+bombs?|airstrikes?|"
     r"\b(?:aviation|air\s+force)\b[^.;]{0,40}\bstrikes?\b|carried\s+out\s+(?:an?\s+)?(?:\w+\s+){0,2}strikes?\b|"
     r"loitering\s+munitions?|kamikaze\s+drones?|(?<!car\s)(?<!been\s)\bbombed\b|suicide\s+drones?|\bUAVs?\b[^.;]{0,30}\b(?:struck|hit|targeted)|"
     r"\b(?:Israeli|Turkish|US|U\.S\.|American|Russian|coalition|Iranian|Jordanian)\s+(?:air\s+|drone\s+)?strikes?\b|"
     r"\b(?:killed|died|wounded|injured)\s+in\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?strikes?\s+(?:on|in|against)\b|"
     r"(?<!general\s)(?<!hunger\s)\bstrikes?\s+(?:(?:on|against)\s+[^.;,]{1,40}?\s+)?(?:hit|targeted|struck|killed|"
     r"destroyed)\b|"
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
     r"\bprotest(?:ed|ers|ors|s|ing)?\b|demonstrat(?:ed|ion|ions|ors|ing)(?!\s+(?:more|their|its|his|her|the|a|an|"
     r"how|that|what|our|some|great|real|clear)\b)|\brall(?:y|ies|ied)\b|\bsit-in\b|"
     r"took\s+to\s+the\s+streets|\bmarched\b|\bvigil\b|\bgathered\s+peacefully\b|\b(?:gathered|assembled)\b[^.]{0,100}\b(?:to\s+demand|"
     r"demanding|to\s+protest|protesting|to\s+denounce|against|calling\s+for|chanting|to\s+condemn)"),
    ("Battles", "Government regains territory",
     r"\b(?:retook|recaptured|regained|re-?took|liberat(?:ed|ing)|took\s+(?:full\s+)?control|taken\s+(?:full\s+)?control|"
     r"seized\s+control|captured|ejected|expelled|drove\s+\w+(?:\s+\w+){0,3}\s+out|broke\s+the\s+siege|cleared|"
     r"victory\s+(?:against|over)|the\s+(?:re)?capture\s+of|the\s+liberation\s+of|"
     r"(?:captures|liberates?|retakes|recaptures))\b"),  # and headlines' present tense: "Kurds Liberate X"
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
     r"\b(?:executed|murdered|assassinat\w+|massacre\w*|gunned\s+down|stabbed|beheaded|shot\s+dead|killed|kills?|"
     r"shot|martyred|opened\s+fire|attack\w*|(?:a|the|deadly|fatal|mass)\s+shooting)\b"),
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
RULES = [(etype, sub, re.compile(pattern, re.I)) for etype, sub, pattern in EVENT_RULES]

# Words before a trigger that make it a plan, a threat or a denial rather than an event.
UNREAL = re.compile(
    r"\b(?:will|would|could|might|(?<!in\s)(?<!\d\s)may(?!\s+\d)|shall|to|orders?|ordered|plans?\s+to|planning|plotting|preparing|accused\s+of|"
    r"suspected\s+of|charged\s+with|threaten\w*|vow\w*\s+to|"
    r"seeks?\s+to|sought\s+to|aims?\s+to|intends?\s+to|ready\s+to|able\s+to|capable\s+of|fears?\s+of|risk\s+of|"
    r"possibility\s+of|prevent|deny|denied|denies|no|not|never|without|against\s+a\s+possible)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
# "the battle will continue", "an offensive would follow": what is yet to come (the modal "may", not the month:
# "in May", "on 20 May", "May 20").
UNREAL_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:will|would|could|might|(?<!in\s)may(?!\s+\d)|shall)\b", re.I)
# Adverbs of habit next to the trigger: "often attack", "are regularly shelled".
HABITUAL = re.compile(r"\b(?:usually|typically|often|regularly|frequently|routinely|sometimes)\b", re.I)
# "rebels fighting to topple Assad", "the coalition battling IS": who a group is, not an event.
GROUP_BEFORE = re.compile(
    r"\b(?:rebels?|forces|groups?|coalition|fighters|militants|factions|jihadists|opposition|militias?|alliance|"
    r"insurgents|those)\s+$",
    re.I,
)
# "attempted to infiltrate", "tried to storm": the attempt happened.
ATTEMPT = re.compile(r"\b(?:attempt(?:ed|ing)?|tried|trying)\s+to\s+(?:\w+\s+){0,2}$", re.I)
# "condemned the massacre committed by X in the town of Y": the statement reports an event it places.
_CONDEMNED_EVENT = (r"\s+(?:the|today's|yesterday's|this)\s+(?:[\w-]+\s+){0,2}?(?:massacre|attack|bombing|shelling|"
                    r"killings?|strikes?|airstrikes?|assault|executions?)\s+(?:committed|carried\s+out|perpetrated|"
                    r"launched)?\s*(?:by\s+[^.;]{0,60}?)?\b(?:in|on|at|against)\b")
# Sentences that describe a trend, a statement, a plan or background, not one event.
NOT_AN_EVENT = re.compile(
    r"\b(?:an\s+average\s+of|on\s+average|per\s+(?:month|year|week|day)|tends?\s+to|have\s+been\s+(?:far|more|less)|"
    r"in\s+(?:recent|previous|past|earlier)\s+(?:years|months|weeks|summers|winters|seasons)|over\s+the\s+(?:last|past)\s+"
    r"(?:\w+\s+)?(?:years|months|decade)|between\s+\w+\s+\d{4}\s+and|since\s+(?:(?:early|mid|late)[\s-]+)?(?:19|20)\d\d|since\s+the\s+(?:fall|start|beginning|end)\b|"
    r"\bsince\b[^.;]{0,60}\b(?:erupted|began|started|broke\s+out)\b|so\s+far\s+this\s+year|"
    rf"warrants?\b|designat\w+|sanction\w*|\bsummit\b|\bcondemn\w*\b(?!{_CONDEMNED_EVENT})|\bwould\s+be\b|\bcould\s+be\b|the\s+risk\s+of|"
    r"is\s+expected\s+to|if\s+\w+|\bopinion\b|we\s+need|should\b|\b(?:are|is)\s+(?:frequent|common|"
    r"rare|routine)\b|\bfrequent\b|\bhas\s+seen\b|\bhave\s+seen\b|\b(?:years|decades)\s+after\b|"
    r"\bwas\s+the\s+scene\s+of\b|\bhas\s+been\s+hit\s+by\b|\bin\s+(?:19|20)\d\d\b(?!\s*[-–/])|"
    r"\bescalation\s+of\b|\b(?:fell|rose|dropped|declined|increased|decreased)\s+by\b|"
    r"\bfigures\s+show|\bstatistics\b|\bper\s*cent\b|\bevery\s+(?:summer|winter|year|month|week|day|spring|autumn)\b|"
    r"\b(?:is|are|was|were)\s+(?:due|scheduled|set)\s+to\b|\bduring\s+(?:19|20)\d\d\b|\bestimates?\s+that\b|"
    r"\b(?:dozens|hundreds|scores|thousands)\s+of\s+(?:[\w-]+\s+){0,2}(?:strikes|attacks|raids|killings|"
    r"assassinations|arrests)\b[^.;]*\b(?:this|last|the\s+past)\s+(?:year|month)|\brecorded\s+\d[\d,]*\s+\w+\s+in\s+"
    r"the\s+(?:past|last)\b|\bremains?\s+(?:missing|scattered|unaccounted)|\bremained\s+(?:elevated|high|low|tense|calm|volatile)\b|"
    r"\banniversary\b|\bcommemorat\w+\s+(?:the|its|their|his|her)\b|\bden(?:y|ies|ied)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}(?:news|reports?|rumou?rs?|claims?)\b|"
    r"\b(?:rejected|dismissed|refuted)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:claims?|reports?|allegations?)\b|"
    r"\b(?:posts?|videos?|users|accounts|images?|photos?|tweets?|messages?|rumou?rs?|pages?|websites?|footage)\s+"
    r"(?:[\w-]+\s+){0,3}claim(?:s|ed|ing)?\s+that\b|^\W*CLAIM\b|"
    r"\bclaim(?:s|ed|ing)?\s+that\b(?![^.;]{0,80}\b(?:killed|executed|massacred|shot|attacked|bombed|struck|shelled|"
    r"kidnapped|abducted|detonated|captured|seized)\b)|\bshared\s+as\s+showing\b|\ballegations?\s+that\b|"
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
# A toll summed over days, not one event: "killed 84 in three days", "in the past week", "since it was
# launched on 15 November", "have died since early March" (but "killed since Saturday in fighting" is this week's
# battle, told as one).
MULTI_DAY_TALLY = re.compile(
    r"\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|previous)\s+(?:\w+\s+)?(?:days|week|weeks|fortnight)\b|"
    r"\b(?:killed|dead|died|deaths)\b[^.;]{0,40}\bin\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+days\b|"
    r"\bsince\s+(?:it|they|the\s+[\w-]+)\s+(?:was|were|had\s+been)\s+(?:launched|started|begun)\b|"
    rf"\b(?:killed|died|dead)\b[^.;]{{0,60}}\bsince\s+(?:(?:early|late|last)\s+)?(?:{MONTH}|\d{{1,2}}\s+{MONTH})",
    re.I,
)
CIVILIAN = re.compile(
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
ARMED_TARGET = re.compile(
    r"\b(?:soldiers?|troops|forces|fighters?|militants?|jihadists?|insurgents?|combatants?|terrorists?|"
    r"police(?:men)?|officers?|guards?|checkpoint|patrol|convoy|"
    r"members\s+of|army|militia\w*|peshmerga|personnel|base|outpost|position|commander|sailors?|marines?|"
    r"airmen|pilots?)\b",
    re.I,
)

# An attack told with no word of its victims ("the shooting occurred in X"): an attack still.
UNSPECIFIED_VICTIMS = re.compile(r"(?:a|the|deadly|fatal|mass)\s+shooting", re.I)
# Killings that are attacks whoever the victim was, even when the text does not say.
DELIBERATE = re.compile(r"executed|murdered|assassinat\w+|gunned\s+down|stabbed|beheaded|shot\s+dead|opened\s+fire",
                         re.I)

# A sentence that only updates an event's toll ("the toll rose to 12"): a source of that event.
TOLL_UPDATE = re.compile(r"\b(?:death\s+)?toll\b[^.;]{0,40}\b(?:rose|risen|climbed|reached|increased|stood|stands)\b|"
                         r"\b(?:rose|risen|climbed)\s+to\s+\d", re.I)
# Ground taken by a group that is no state: "captured by rebels", "militants seized the town".
NON_STATE_TAKER = re.compile(
    r"\b(?:captured|seized|taken|overrun|overran)\s+by\s+(?:[\w-]+\s+){0,3}(?:factions|rebels|militants|jihadists|"
    r"insurgents|opposition|hts|sdf|ypg|islamic\s+state|isis|tribal)|"
    r"\b(?:islamic\s+state|isis|isil|daesh|militants|jihadists|insurgents|rebels|hts|tahrir\s+al-sham|factions|sdf|"
    r"ypg|opposition)\b[^.]{0,60}\b(?:captured|seized|took|overran|stormed)", re.I)
