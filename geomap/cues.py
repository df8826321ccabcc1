"""The words around a place name that say what the place is to the event: one vocabulary, used by
:mod:`geomap.locations` as features (their weights are fitted, not set here)."""

from __future__ import annotations

import re


def _words(text: str) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in text.split(","))


# Optional words between a preposition and the name: "in the northern city of", "near the town of".
_FILLER = (r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:(?:cit(?:y|ies)|towns?|villages?|provinces?|governorates?|districts?|"
           r"areas?|regions?|neighbou?rhoods?|suburbs?|outskirts|countryside|vicinity|desert|camps?|capital|port)"
           r"\s+of\s+(?:the\s+)?)?")
_LEADS = {
    "WHERE": "in,at,inside,within,throughout,across,over,on the outskirts of,battle for,fight for,fighting for,"
             "battles for,struggle for",
    "NEAR": "near,outside,around,close to,just outside,north of,south of,east of,west of,northeast of,"
            "northwest of,southeast of,southwest of,kilometres from,km from,miles from,entrance to,edge of,gates of",
    "FROM": "from,out of",
    "TO": "to,into,towards,toward,for",
    "OF": "of",
    "ON": "on,against,targeting,targeted,struck,hit,shelled,bombed,stormed,seized,captured,attacked,entered,"
          "besieged,recaptured,retook,liberated,raided",
}


def _lead(name: str) -> re.Pattern:
    return re.compile(rf"\b(?:{_words(_LEADS[name])})\s+{_FILLER}$", re.I)


WHERE_BEFORE = _lead("WHERE")
NEAR_BEFORE = _lead("NEAR")
FROM_BEFORE = _lead("FROM")
TO_BEFORE = _lead("TO")
OF_BEFORE = re.compile(r"\b(?:of|from)\s+(?:the\s+)?$", re.I)  # "residents of X", "a native of X"
ON_BEFORE = _lead("ON")
TYPE_OF_BEFORE = re.compile(r"\b(?:city|town|village|province|governorate|district|area|region|neighbou?rhood|"
                            r"suburb|outskirts|countryside|camp|capital)\s+of\s+(?:the\s+)?$", re.I)
# Where people went or came from: "fled towards", "withdrew to", "launched from".
AWAY_BEFORE = re.compile(
    r"\b(?:fled|fleeing|escaped|retreated|withdrew|withdrawing|headed|heading|moved|moving|travell?(?:ed|ing)|"
    r"returned|returning|evacuated|transferred|taken|driven|sent|deployed|flown|brought|bused|displaced|"
    r"launched|fired|came|coming|originat\w+|crossed|based|stationed|born|hails?)\s+(?:back\s+)?"
    r"(?:to|towards?|into|from|in|at)?\s*" + _FILLER + "$",
    re.I,
)
# A noun after the name makes it a modifier: "Baghdad officials", "Mosul residents", "Kirkuk police".
NOUN_AFTER = re.compile(
    r"['’]?s?\s+(?:residents?|natives?|officials?|authorit(?:y|ies)|police|government|governor|council|"
    r"operations|command|forces|troops|army|militias?|fighters|rebels|media|sources?|activists?|evacuees|"
    r"refugees|people|families|tribes?|clans?|born|native|based|province's|airport's)\b",
    re.I,
)
# "officials in Baghdad said", "a source in Idlib told": the place of the speaker.
REPORTED_AFTER = re.compile(r"[^.;]{0,25}?\b(?:said|says|told|reported|announced|stated|claimed|quoted)\b", re.I)
# Places listed together: "Ninewa and Erbil", "Jasim, Nawa and in Inkhil".
LIST_GAP = re.compile(r"\s*(?:,|,?\s*and(?:\s+in)?|,?\s*or(?:\s+in)?|as\s+well\s+as|/|&)\s*(?:the\s+)?", re.I)
# Who told of it, and from where: "an activist in the eastern X region", "a source in X".
SPEAKER_BEFORE = re.compile(
    r"\b(?:activists?|sources?|correspondents?|residents?|officials?|journalists?|reporters?|spokes(?:man|woman|person)|"
    r"witness(?:es)?|doctors?|medics?|monitors?|observers?|ministry|ministries|government|embassy|diplomats?)"
    r"\s+(?:based\s+)?(?:in|from|at)\s+" + _FILLER + "$", re.I)
# Nouns by which a later sentence refers back to an event: "the strikes on X", "the blast struck X".
EVENT_NOUNS = frozenset(
    """
    attack attacks strike strikes airstrike airstrikes raid raids blast blasts explosion explosions bombing bombings
    bomb bombs shelling clash clashes fighting battle ambush assault offensive operation killing killings massacre
    shooting attacker attackers bomber bombers barrage incident
    """.split()
)
# The two sides of an event told before ("fighters from both sides were killed", "clashes between the two sides"):
# a sentence speaking of them speaks of that event again.
SIDES_BACK = re.compile(r"\b(?:both|the\s+two|either)\s+sides\b", re.I)
# A report that says it is another event: "In a separate incident", "Elsewhere", "In another attack".
SEPARATE_EVENT = re.compile(
    r"\b(?:in\s+(?:a\s+)?(?:separate|another|an\s+unrelated|a\s+further|a\s+second|a\s+similar)\s+"
    r"(?:incident|attack|development|strike|case|raid|operation|clash)|separately|in\s+a\s+separate\s+\w+)\b", re.I)
# "Elsewhere", "meanwhile": another event when told at another place; at the same place, the same fighting.
ELSEWHERE = re.compile(r"\b(?:elsewhere|meanwhile)\b", re.I)
# A capital standing for its government: "Washington said", "Ankara's offensive", "attacks by Moscow".
GOVERNMENT_AFTER = re.compile(
    r"^(?:['’]s?\s|\s+(?:and\s+[A-Z][\w-]+\s+)?(?:has|have|had|is|was|says|said|say|blamed|blames|accused|accuses|"
    r"called|calls|wants|wanted|insists|insisted|denied|denies|launched|extended|sent|backs|backed|supports|"
    r"supported|warned|announced|believes|considers|claims|claimed|urged|agreed|refused|rejected|demanded|"
    r"condemned|welcomed|hopes|fears|responded|retaliated|struck|hit|bombed|targeted|would|will|could)\b)")
GOVERNMENT_BEFORE = re.compile(r"\b(?:by|calling\s+on|between|placed)\s+$", re.I)
# A preposition right before a name (one word between at most), for telling a capital's place from its
# government: narrower than the leads above, whose fillers reach "west of the country that Washington".
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|across|over|around|into|from|of|to)\s+(?:the\s+)?"
                             r"(?:[\w-]+\s+)?$", re.I)

# A sentence about the victims of the event just told ("Those killed were residents of X", "Among the dead were
# four nurses"): a source of that event, whatever places it names (where the victims came from).
VICTIMS_BACK = re.compile(
    r"^\W*(?:those\s+(?:killed|wounded|injured|dead|hurt)|the\s+(?:victims|dead|casualties|wounded|injured|killed)\b|"
    r"(?:most|many|some|all|half|none)\s+of\s+(?:the|those)\s+(?:victims|dead|killed|wounded|injured|casualties)|"
    r"among\s+the\s+(?:dead|victims|killed|wounded|injured|casualties))\b",
    re.I,
)

# A place told before, named again by a common noun: "the outskirts of the town", "there", "the same area".
PLACE_BACK = re.compile(
    r"\b(?:the|this|that)\s+(?:same\s+)?(?:town|city|village|area|district|neighbou?rhood|camp|region|province|"
    r"governorate|suburb|countryside|market|hospital|site|base|checkpoint|square)\b|\bthere\b|\bthe\s+same\s+place\b",
    re.I,
)
