"""Undoes the ways people disguise or mangle risk words before the risk detector reads a message.

People write "k1ll mys3lf", "k i l l", "diiiie", "KMS", "unalive", "sewerslide" on purpose (platform
filters taught them to) or by accident (a phone keyboard at 3 a.m.). Each repair below is applied only
when it turns a token into a word of the risk vocabulary, so ordinary text ("2nd", "h8", "soooo") is
left as it was and cannot be bent into a false alarm.
"""

import re
import unicodedata

# Words whose disguised forms are repaired. Inflected forms are listed because repeated-letter and
# leetspeak repairs compare whole tokens, before lemmatisation.
RISK_VOCABULARY = frozenset(
    """
    kill kills killed killing myself yourself himself herself themselves die dying died dead death
    suicide suicidal hurt hurting harm harming cut cutting cuts burn burning hang hanging overdose
    pills wrists strangle strangled strangling choke choked choking rape raped raping stab stabbed
    shoot shot gun knife hit hits hitting beat beats beating punch punched kick kicked slap slapped
    alive live living end ending life murder murdered touch touches touched touching myself
    want going to me my it all not anymore
""".split()
)

# Slang and platform euphemisms, rewritten to the plain words the patterns use.
SLANG = [
    (r"\bkms\b", "kill myself"),
    (r"\bk\s*m\s*s\b", "kill myself"),
    (r"\bmy self\b", "myself"),
    # "unalive" with no one else named means oneself ("i wanna unalive fr", "thinking about unaliving").
    (r"\bun-?aliv(e|ing|ed)\b(\s+(myself|me)\b|(?!\s+(him|her|them|you|u|his|their)\b))", "kill myself"),
    (r"\bun-?aliv(e|ing|ed)\b", "kill"),
    (r"\bself[\s-]*(delete|terminate|destruct)\b", "kill myself"),
    (r"\bsewer\s*slide\b", "suicide"),
    (r"\bsui\b|\bsu[i1!]c[i1!]de\b|\bs[u\*]+[i\*]+c[i\*]+de\b", "suicide"),
    # Phone-keyboard misspellings of the words that matter most.
    (r"\b(sucide|suicde|suiside|sucicide|suacide)\b", "suicide"),
    (r"\b(stragled|strangeled|strangeld|strangld|stangled)\b", "strangled"),
    (r"\bchocked (me|her|him)\b", r"choked \1"),
    (r"\bself[\s-]*harm(ing|ed|s)?\b", "selfharm"),
    (r"\bself[\s-]*injur(y|e|ing|ed)\b", "selfharm"),
    # "sh" means self-harm only next to words that make that reading certain.
    (r"\bs/h\b|\bsh'?ing\b|\bsh'?d\b", "selfharm"),
    (r"\bs/a'?d\b|\bs/a\b", "sexually assaulted"),
    (r"\bsa'd (me|her|him)\b", r"sexually assaulted \1"),
    (r"\b(relapsed?|relapsing) on sh\b", r"\1 on selfharm"),
    (r"\bsh (urges?|again|scars?|relapse)\b", r"selfharm \1"),
    (r"\b(did|do|doing) sh\b", r"\1 selfharm"),
    (r"\bs h (urges?|again)\b", r"selfharm \1"),
    (r"\b(want|wanna|need|going|gonna|ready|try|trying|plan|planning) 2\b", r"\1 to"),
    (r"\bgonna\b", "going to"),
    (r"\bwanna\b", "want to"),
    (r"\bgotta\b", "got to"),
    (r"\brn\b", "right now"),
    (r"\bbf\b", "boyfriend"),
    (r"\bgf\b", "girlfriend"),
    (r"\bu\b", "you"),
    (r"\bur\b", "your"),
]
_SLANG = [(re.compile(pattern), replacement) for pattern, replacement in SLANG]

LEET = str.maketrans(
    {
        "1": "i",
        "!": "i",
        "|": "i",
        "3": "e",
        "0": "o",
        "4": "a",
        "@": "a",
        "$": "s",
        "5": "s",
        "7": "t",
        "+": "t",
        "*": "",
    }
)
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACED_LETTERS = re.compile(r"(?<![\w])(?:[a-z0-9@$!*][\s.\-_]+){2,}[a-z0-9@$!*](?![\w])")
_TOKEN = re.compile(r"[\w@$!|*+]+")
_REPEATS = re.compile(r"(.)\1+")


def _squeeze(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


_BY_SQUEEZED = {_squeeze(word): word for word in sorted(RISK_VOCABULARY, key=len)}


def _as_risk_word(token: str):
    """The risk word a disguised token stands for, or None when it stands for none."""
    if token in RISK_VOCABULARY:
        return token
    # "k*ll", "c*tting", "m*rder": an asterisk hides one vowel.
    masked = [token.replace("*", vowel) for vowel in "aeiou"] if "*" in token else []
    for candidate in (*masked, token.translate(LEET), token):
        if candidate in RISK_VOCABULARY:
            return candidate
        # Doubled or dropped letters: "diiiie", "killll", and the typo "kil" or "hiting".
        squeezed = _squeeze(candidate)
        if squeezed in _BY_SQUEEZED:
            return _BY_SQUEEZED[squeezed]
    return None


def _repair_token(match: re.Match) -> str:
    token = match.group(0)
    return _as_risk_word(token) or token


def _join_spaced_letters(match: re.Match) -> str:
    joined = re.sub(r"[\s.\-_]+", "", match.group(0))
    word = _as_risk_word(joined)
    return f" {word} " if word else match.group(0)


def normalize(text: str) -> str:
    """Lower-cased text with disguised risk words written plainly and slang spelled out."""
    text = unicodedata.normalize("NFKC", text)
    text = _ZERO_WIDTH.sub("", text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = _SPACED_LETTERS.sub(_join_spaced_letters, text)
    text = _TOKEN.sub(_repair_token, text)
    for pattern, replacement in _SLANG:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()
