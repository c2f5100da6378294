"""Words that change what a match means: idioms, jokes, media, negators, hedges, clause breaks,
resolved history, and facts about the writer (a child's age) that change the category."""

# Facts about the writer that change the category: a child who writes about being hurt gets a
# child helpline; an adult's age stops "my daughter" from meaning a child.
MARKERS = {
    "young_writer": [
        "i be only? #age",
        "we be|are|'re only? #age",
        "i be #age year|yr|yrs old",
        "#age year|yr old and? i",
        "year|grade 1|2|3|4|5|6|7|8|9|10|11",
        "1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|11th grade",
        "i be a kid|child|minor|teenager",
    ],
    "adult_age": ["#adult year|yr|yrs old", "i be #adult"],
    # Leaving as the condition of a threat: with someone else's suicide it is a threat used as control
    # ("he says he'll kill himself if i leave"), which gets its own reply.
    "leaving_condition": [
        "if i leave|go|break|end|divorce|tell",
        "if i ever leave|go",
        "if i try to leave|go",
        "every time i try to leave|go",
        "when i try to leave|go",
        "unless i stay|come",
        "if you leave|go",
    ],
    "child_noun": ["@child", "#age year|yr old", "little|baby brother|sister"],
}

# Everyday idioms built from risk words. When one is present and no pattern fires, the detector reports
# it, and the Rasa component drops a crisis intent that the statistical classifier guessed from the
# words alone ("i finally cut ties with him", "dead tired").
IDIOMS = (
    "cut ties",
    "cut him off",
    "cut her off",
    "cut them off",
    "cut contact",
    "cut off contact",
    "dead tired",
    "dead on my feet",
    "dying to",
    "killing me",
    "kill time",
    "killing time",
    "end it with",
    "end things with",
    "shot him a",
    "shot her a",
    "hit me up",
    "beat me at",
    "to die for",
    "died laughing",
    "nearly died",
    "killing it",
    "bored to death",
    "scared to death",
    "sick to death",
    "over my dead body",
    "dead inside",
    "could kill",
    "choked up",
    "stab in the back",
    "stabbed me in the back",
    "drop dead",
    "cutting corners",
)

# Words that say the clause is a joke when the threat is against someone else ("i could kill him lol").
JOKE_MARKERS = frozenset("lol lmao lmfao haha hahaha rofl 😂 🤣 😆 😅 jk".split())
# A third person's risk inside a story, a film or the news is not a disclosure.
MEDIA_WORDS = frozenset(
    "book movie film show series character episode documentary song novel news " "article podcast game".split()
)
# Negators cancel a match that follows them in the same clause, unless the pattern holds its own.
NEGATORS = frozenset("not never no nobody noone".split())
# "no", "nah", "nope" opening a clause before a person word answer something said before rather than
# deny what follows ("no he just hit me again", "nah i took the whole strip").
ANSWER_WORDS = frozenset("no nah nope".split())
# "not sure", "don't know", "never know" hedge rather than deny.
HEDGES = frozenset("sure know certain think if".split())
CLAUSE_BREAKS = frozenset(", . ; ! ? and but though although however because so yet".split())
# Times the writer has left behind, for self-harm and suicide told as past (PAST_MARKERS) and for
# violence told as long past (LONG_PAST_MARKERS).
DISTANT_TIMES = (
    "as a teenager",
    "as a kid",
    "when i was a kid",
    "years ago",
    "when i was younger",
    "in the past",
    "a long time ago",
    "back then",
    "in my teens",
    "in my twenties",
    "in my thirties",
    "in my forties",
    "growing up",
    "when i was little",
    "when i was young",
    "when i was a child",
)
# Resolved history is not an acute risk ("i used to cut myself", "i was suicidal as a teenager").
PAST_MARKERS = DISTANT_TIMES + (
    "used to",
    "as a teen",
    "when we were kids",
    "not for years",
    "in high school",
    "recovery from",
    "in recovery",
    "clean for",
    "clean from",
)

# History the writer has left behind: a past marker together with a sign that it is over
# ("he hit me 10 years ago, i'm safe and happy now"). Either alone is not enough: "he hit me years ago"
# may still be going on. A sign that it goes on ("again", "still") keeps the match.
RESOLVED_MARKERS = (
    "safe now",
    "i'm safe",
    "im safe",
    "no contact",
    "i left",
    "i got out",
    "got out in",
    "we divorced",
    "divorced him",
    "divorced her",
    "long done",
    "moved on",
    "it's over",
    "its over",
    "all over",
    "been free",
    "doing fine now",
    "doing ok now",
    "i'm ok now",
    "im ok now",
    "i'm good now",
    "im good now",
    "happy now",
    "got help",
    "years clean",
    "clean now",
    "he died",
    "she died",
    "was convicted",
    "restraining order",
    "not in crisis",
    "other end of the country",
    "moved abroad",
    "married now",
    "remarried",
    "married to someone",
    "in prison",
    "went to prison",
    "long gone",
    "distant memory",
    "years of therapy",
    "worked through it",
    "rebuilding",
    "i escaped",
    "i dumped him",
    "i dumped her",
)
PAST_WORDS = ("ago", "years", "used to", "back in", "when i was", "in my twenties", "in my teens", "in 19", "in 20")
ONGOING_MARKERS = (
    "again",
    "still",
    "started",
    "lately",
    "recently",
    "last night",
    "tonight",
    "this week",
    "yesterday",
    "relapse",
    "relapsed",
)
# Violence or abuse told as long past ("he broke my arm in 2009", "my dad hit me when i was a kid"):
# survivors seldom add that it is over, so a distant time alone is enough when nothing in the message
# says it goes on or threatens again (LONG_PAST_ONGOING). The model still reads the message.
LONG_PAST_MARKERS = DISTANT_TIMES + (
    "decades ago",
    "long ago",
    "decade ago",
    "as a child",
    "in my fifties",
    "my old flat",
    "the old flat",
    "my old house",
    "the old house",
    "my old place",
    "when i was a teenager",
    "when i was in high school",
    "back in high school",
    "back in school",
    "back in college",
    "back in uni",
    "when we were married",
    "when we were together",
    "before we split up",
    "before we broke up",
    "before i left",
    "my first husband",
    "my first wife",
    "my first marriage",
    "my first boyfriend",
    "my first girlfriend",
    "my first relationship",
    "my late husband",
    "my late wife",
    "before the divorce",
    "in the 80s",
    "in the 90s",
    "in the eighties",
    "in the nineties",
)
# "in 2009", "back in 1998", "when i was 19" (an age the writer has left behind). "since 2009" is not
# here: it says the harm has gone on from then.
LONG_PAST_TIME = (
    r" (?:in|back in|around) (?P<year>(?:19|20)\d\d) | (?:when|the year|the winter|the summer) i was \d\d? "
)
# A year this close is not long past ("in 2025 he choked me").
LONG_PAST_MIN_YEARS = 3
# "now" alone is often the writer's own present ("i'm safe now", "now i just want to understand why i
# stayed"); before the person or the harm it says the harm goes on ("now he's doing it to my son").
LONG_PAST_ONGOING = ONGOING_MARKERS + (
    "right now",
    "just now",
    "now he",
    "now hes",
    "now she",
    "now shes",
    "now they",
    "now theyre",
    "now my",
    "now it",
    "now its",
    "ever since",
    "since then",
    "is here",
    "at the door",
    "on his way",
    "on her way",
    "today",
    "this morning",
    "keeps",
    "every day",
    "every night",
    "outside",
    "found me",
    "will",
    "going to",
    "gonna",
    "threatens",
    "threatening",
    "coming",
)
# A question about the subject in general, for a friend or a course, not a disclosure.
ASKING_MARKERS = (
    "what do i say",
    "what should i say",
    "how do i help",
    "how can i help",
    "how do i talk to",
    "how to talk to",
    "signs of",
    "signs that",
    "the signs",
    "difference between",
    "how do i ask",
    "how to ask",
    "for an essay",
    "for my essay",
    "for a class",
    "for my course",
    "nursing course",
    "first aid course",
    "in general",
)
# Someone close who "will kill me" over something small, said with a laugh, is an idiom, not a threat.
FEAR_WORDS = frozenset("afraid scared terrified frightened fear scares".split())
