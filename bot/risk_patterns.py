"""The risk vocabulary: token patterns per crisis category, as reviewable data.

Each pattern is a short phrase compiled into a spaCy Matcher pattern (see risk_detector):
  "a|b"    one of several words           "word?"  optional word
  "*N"     up to N words of anything       "@group" any word of a group below
  "#age"   a number from 5 to 17           "#adult" a number from 18 to 99
  "$"      the end of a clause or message
Words are written in their base form ("kill", not "killing"); the detector matches lemmas.
A pattern whose own words include a negator ("not want to live") is never cancelled by negation.

Subject (who is at risk): "self" (the writer), "other" (someone the writer is worried about), or None:
decided by the words inside the match ("me"/"my" -> self, "her"/"him" -> other), else by the nearest
person word before it.
"""
from dataclasses import dataclass
from typing import Optional

GROUPS = {
    "third": "he she they friend sister brother mum mom mother dad father son daughter cousin aunt "
             "uncle niece nephew colleague coworker bestie partner boyfriend girlfriend husband wife "
             "ex fiance fiancee neighbour neighbor roommate flatmate someone somebody",
    "third_obj": "him her them",
    "third_refl": "himself herself themselves themself",
    "person_obj": "me him her them",
    "person_pos": "my his her their",
    "child": "kid kids child children son daughter baby babies toddler stepson stepdaughter boy girl "
             "niece nephew grandchild grandson granddaughter grandkid grandkids stepkid stepkids infant "
             "newborn kiddo kiddos",
    "carer": "dad daddy father mum mom mommy mummy mother stepdad stepfather stepmom stepmum stepmother "
             "parent parents uncle aunt grandpa grandad granddad grandma teacher coach babysitter "
             "brother sister cousin",
    "violent": "hit punch kick slap beat choke strangle smother throttle stab shoot headbutt batter "
               "rape molest smack whack thump wallop belt suffocate strangulate attack assault",
    "weapon": "knife gun blade weapon machete hammer bat razor axe",
    "threat": "threaten say tell swear promise will would go",
    "neck": "neck throat",
    "afraid": "afraid scared terrified frightened fear worry",
    "pills": "pill pills tablet tablets meds medication medicine paracetamol",
    "violent_aim": "kill stab shoot murder strangle poison choke",
    "partner_noun": "wife husband girlfriend boyfriend partner friend sister mum mom mother daughter",
    "body": "arm arms wrist wrists leg legs thigh thighs skin stomach hip hips",
}


@dataclass(frozen=True)
class RiskPattern:
    category: str
    name: str
    phrase: str
    subject: Optional[str] = None
    # "kill me" means a threat only when a person says or does it ("he'll kill me", not "that workout
    # nearly killed me").
    needs_person: bool = False
    # Counts only when the writer says they are a child ("im 12", "year 6").
    young_writer_only: bool = False
    # For harm to others: the writer is the one who acts ("i'm going to stab him"), so the match is
    # cancelled when someone else is ("he's going to stab him"). False where the sentence's subject is
    # the target ("he won't see me coming").
    writer_acts: bool = True


def _group(category, phrases, subject=None, **flags):
    return [RiskPattern(category, name, phrase, subject, **flags) for name, phrase in phrases.items()]


_PATTERN_GROUPS = (
    _group("suicide", {
        "kill_myself": "kill|end|hang|shoot|drown|poison|unalive myself",
        "end_my_life": "end|take my own? life",
        "end_it_all": "end it all",
        "end_it_soon": "end it tonight|today|now|soon",
        "end_for_good": "end it|things|everything for good",
        "plan_to_end": "plan|planning to end it|myself|everything|things",
        "done_with_life": "done with life|living",
        "stop_existing": "stop exist|existing|living|breathing",
        "sleep_forever": "sleep forever",
        "nobody_would_miss_me": "nobody|no *2 would|will|wo *2 miss|notice me",
        "have_the_rope": "get|got|have|buy|bought the|a rope",
        "handful_of_pills": "handful|bunch|lot of @pills",
        "life_not_worth_it": "life be not worth it|living",
        "hope_i_die": "wish|hope|pray i die",
        "hit_by_a_car": "wish|hope a|the car|bus|train|truck|lorry *2 hit me",
        "end_everything": "end everything",
        "want_to_die": "want|wish|ready|plan|deserve|need|go|hope to die",
        "want_to_be_dead": "want|wish|rather|prefer to be dead",
        "wish_i_could_die": "wish|hope i could|would|will die",
        "wish_dead": "wish i|he|she|they be dead|gone|never",
        "rather_dead": "rather be dead",
        "better_off_dead": "well off dead",
        "better_off_without_me": "well|happy|happier off? without me",
        "better_off_without_someone_like_me": "well off without *3 like me",
        "not_want_to_live": "not want to live|exist|survive",
        "want_to_not_exist": "want to not exist|live|be",
        "not_want_to_be_here": "not want to be here|around anymore|any",
        "not_being_here": "not be here|around anymore|any",
        "be_not_here": "be not here|around anymore|any",
        "when_im_gone": "when i be gone|dead",
        "no_point_in_me": "no point|reason in|for me be|being|staying here|alive|around",
        "not_want_to_be_alive": "not want to be alive",
        "not_want_to_wake": "not want to wake up",
        "hope_not_wake": "hope|wish|pray i do|will|would|wo? not wake up",
        "never_wake_up": "sleep|asleep and never|not wake up",
        "no_reason_to_live": "no reason|point to|in live|living",
        "no_reason_to_go_on": "no reason|point to|in keep|go|carry going|on",
        "nothing_to_live_for": "nothing to live for",
        "point_of_living": "point of|in live|living|life",
        "not_worth_living": "not worth live|living",
        "tired_of_living": "tired of exist|existing|live|living|life",
        "tired_of_being_alive": "tired of be alive",
        "cant_go_on": "can|ca not go on",
        "not_here_much_longer": "not be here|around much|for longer|long",
        "not_burden_longer": "not be a? burden|problem much|for longer|long|anymore",
        "not_burden_after": "not be a? burden|problem to|for anyone|anybody|everyone|you after|soon|much",
        "burden_to_everyone": "burden to|on everyone|everybody|all|anyone",
        "if_i_was_gone": "if i be gone|dead",
        "if_i_was_not_here": "if i be not here|around",
        "if_i_died": "if i die|disappear|vanish|kill",
        "hope_i_crash": "hope|hoping i crash|die|crash",
        "goodbye_letters": "goodbye|suicide letter|letters|note|notes|message|messages|post|posts|video",
        "wrote_goodbye": "write|wrote|written goodbye|goodbyes",
        "said_goodbyes": "say my goodbye|goodbyes to everyone|everybody|all",
        "last_message": "this be my last message|words|post|goodbye",
        "giving_things_away": "give away all? my|his|her|their stuff|things|belongings|possessions",
        "giving_away_because": "give|giving away my|his|her|their stuff|things because|since *3 not need",
        "disappear_forever": "disappear forever|permanently",
        "disappear_for_good": "disappear for good",
        "note_saying_sorry": "note|letter saying sorry|goodbye",
        "suicidal": "suicidal",
        "suicide_thoughts": "think|thinking|consider|contemplate|plan|attempt|commit|try about? suicide",
        "ready_for_suicide": "ready|want|go|plan to suicide",
        "suicide_as_answer": "suicide be|feel|seem|look *3 only|good|answer|best|option|easy|way",
        "thoughts_of_suicide": "thought|thoughts of|about suicide|dying|death|kill",
        "overdose": "take|swallow all my|the|those|of @pills",
        "all_my_pills": "all my|the|those @pills",
        "bottle_of_pills": "whole? bottle|pack|box|packet of @pills",
        "how_many_pills": "how many @pills",
        "saving_pills": "save|saving|stockpile|hoard up? my|the|her|his? @pills",
        "pills_saved": "@pills save|saved|stockpile|stockpiled|hidden|ready",
        "overdose_plan": "i *3 overdose|od",
        "overdose_on": "overdose on",
        "jump_off": "jump off|from a|the bridge|building|roof|cliff|balcony",
        "in_front_of": "jump|step|walk|throw|myself in front of a|the bus|train|car|truck|lorry",
        "slit_wrists": "i *3 slit|slash my wrists|wrist|throat",
        "want_it_to_end": "want it all? to end|stop",
        "want_everything_to_end": "want everything to end|stop",
            }),
    _group("suicide", {
        "kill_themself": "kill|end|hang|shoot|drown|poison|unalive @third_refl",
        "end_their_life": "end|take his|her|their own? life",
        "says_wants_to_die": "say|text|tell|write *2 want to die",
        "talks_about_suicide": "talk|post|joke|write about suicide|dying|kill",
        "better_off_without_them": "well off without @third_obj",
        "threatens_suicide": "threaten to kill|hurt @third_refl",
    }, subject="other"),
    _group("self_harm", {
        "hurt_myself": "cut|burn|harm|scratch|punch|hit|bite|starve|hurt|bruise myself",
        "selfharm": "selfharm",
        "cut_again": "cut again|tonight|deep|deeper|right",
        "keep_cutting": "keep cut|cutting",
        "on_purpose": "scratch|cut|burn|hit|bite|hurt|punch|bang|scrape myself|my *2 on purpose",
        "hurt_my_body": "hurt|cut|burn|punish|harm my body",
        "want_to_cut": "want|need|go|urge|urges to cut|burn|selfharm so|tonight|again|badly|bad|right",
        "want_to_cut_now": "want|need|go|urge|urges to cut|burn|selfharm $",
        "urge_to_selfharm": "urge|urges|urging to selfharm",
        "cut_body": "cut|burn|slice|carve into? my @body",
        "make_myself_bleed": "make myself bleed",
        "until_bleed": "until|till they|it|i|my *1 bleed",
        "punch_walls": "punch|hit the|a? wall|walls on|until|till|so|to",
        "bang_head": "i *2 bang|hit my head against|on the wall|walls",
        "feel_pain": "need|want to feel pain",
        "hide_cuts": "hide|cover the|my cuts|scars|marks|burns",
        "blades": "hide|hid|have|hold|use|keep a|the|my blade|blades|razor|razors",
        "marks_on_me": "mark|marks|cut|cuts|burn|burns *3 on myself|my @body",
        "fresh_cuts": "fresh|new cut|cuts|mark|marks|wound|wounds|burn|burns",
        "reopen_wounds": "reopen *2 wound|wounds|cut|cuts",
        "relapse": "relapse|relapsed on? selfharm|cut|cutting",
    }),
    _group("self_harm", {
        "hurts_themself": "cut|burn|harm|scratch|hurt|starve @third_refl",
        "cuts_on_them": "cut|cuts|burn|burns|mark|marks on his|her|their @body",
    }, subject="other"),
    _group("danger", {
        "violence_to_me": "@violent me",
        "beat_up": "beat @person_obj up",
        "knocked_out": "knock @person_obj out|down|unconscious",
        "hands_on_neck": "hand|hands around|round|on my|her|his|their @neck",
        "squeeze_neck": "squeeze|grab my|her|his @neck",
        "grab_by_neck": "grab|hold|pin @person_obj by the|my|her|his @neck|hair",
        "thrown": "throw|shove|push|slam @person_obj against|into|across|down|onto|off|at the|a? wall|floor|stairs|ground|bed|door|car",
        "slam_head": "@third *1 slam|smash|bang|hit|throw my|her|his head",
        "dragged": "drag @person_obj by|across|into|out|along",
        "pinned": "pin @person_obj down|against|to",
        "put_hands_on": "put|lay a? hand|hands|finger|fingers on @person_obj",
        "pushed": "push|shove @person_obj",
        "held_down": "hold|pin|sit @person_obj down",
        "burned_with": "burn @person_obj with",
        "thrown_at_me": "throw|hurl|chuck *3 at me|my|her|his",
        "tied_up": "tie @person_obj up|to",
        "beat_out_of": "beat the crap|shit|hell|life out of @person_obj",
        "hurt_badly_me": "hurt me badly|physically|bad",
        "grab_hard": "grab|yank|pull|twist my|her|his hair|arm|wrist so? hard",
        "slit_my_throat": "@third *3 slit|cut my|her|his throat",
        "fear_for_life": "@afraid for my|her|his life",
        "dead_if_i_leave": "dead if i leave|tell|go|try",
        "without_consent": "without my consent",
        "sex_while_asleep": "sex with me while i",
        "trapped_inside": "trap @person_obj in|inside the|my|this? house|room|flat|car|basement|apartment",
        "trapped_in_house": "be trap in|inside the|my|this house|room|flat|car|basement|apartment",
        "door_down": "break|kick the|my door down|in",
        "threat_with_weapon": "threaten @person_obj with",
        "threatening_me": "threaten|threatening me $",
        "threatened_kill": "threaten to kill|hurt|stab|shoot|burn us|me|my|her|him",
        "weapon_at_me": "@weapon to|at|against my|her|his throat|head|neck|face|chest",
        "weapon_pointed": "point|pull|hold|wave a|his|her|the @weapon at|on @person_obj",
        "came_at_me": "come at @person_obj with",
        "has_weapon": "@third *1 have|got|hold|grab|keep|carry a|his|her|the @weapon",
        "raped": "rape",
        "sexual_assault": "sexually assault|abuse|abused|assaulted",
        "forced_sex": "force|make @person_obj to? have sex",
        "forced_into_sex": "force|make @person_obj into sex",
        "forced_sexual": "force|make @person_obj do sexual|sex stuff|things",
        "make_me_sleep_with": "make|force me sleep with",
        "forces_himself": "force himself|herself on @person_obj",
        "while_asleep": "to me while i be asleep|sleeping|unconscious|drunk",
        "locked_in": "lock @person_obj in|inside|up",
        "held_captive": "hold|keep @person_obj hostage|prisoner|captive",
        "against_my_will": "against my will",
        "wont_let_me_leave": "not let me leave the? house|room|flat|apartment|home",
        "wont_let_me_out": "not let me out of? the? house|room|flat|apartment|home",
        "cant_get_out": "can|ca not get out of the|my|this house|flat|room|apartment|home",
        "broke_in": "break into my|her|his",
        "broke_in_short": "break in",
        "got_in_through": "get in|inside through the|my window|door",
        "outside_my_door": "outside my door|window|house|flat|apartment|place right|again",
        "banging_on_door": "bang on my|the door|window",
        "with_me_inside": "with me in it|inside",
        "find_my_body": "find my body",
        "nobody_find_my_body": "nobody|no *3 find my body",
        "black_eye": "black eye|eyes",
        "split_lip": "split|busted|fat lip",
        "showed_weapon": "show me his|her|a|the @weapon",
        "bruises_on_body": "bruise|bruises on my|her|his @body",
        "not_out_alive": "not walk|get|make it? out *3 alive",
        "broken_bones": "break my|her|his nose|arm|rib|ribs|jaw|wrist|finger|fingers|collarbone",
        "bruises": "cover|hide the|my|her|his bruises|marks",
        "marks_on_neck": "mark|marks|bruise|bruises on my|her|his @neck",
        "leaves_marks": "leave mark|marks|bruise|bruises",
        "threat_to_kill": "@threat to? kill|end @person_obj",
        "would_hurt": "will|would|go to? hurt me",
        "fear_of_being_killed": "@afraid *3 kill|hurt me",
        "assault_partner": "@violent his|her|my|their @partner_noun",
    }),
    _group("danger", {
        "kill_me": "kill me",
    }, needs_person=True),
    _group("danger", {
        "didnt_stop": "say no and he|she *1 not stop",
    }, subject="self"),
    _group("danger", {
        "violence_to_them": "@third @violent her|him|them",
        "threat_to_them": "@third *2 threaten|say|will|go to? kill|hurt|stab|shoot her|him|them",
    }, subject="other"),
    _group("child", {
        "hurt_child": "@violent|hurt|touch|abuse|shake|burn|molest my|the|our|his|her @child",
        "hurt_little_sibling": "@violent|hurt|touch|abuse my|the|his|her little|baby brother|sister",
        "hurt_young_child": "@violent|hurt|touch|abuse|shake|molest my|the|our|his|her #age year|yr old",
        "child_bruises": "@child *3 have|has bruises|marks|burns",
        "threat_to_children": "threaten to|he|she? hurt|kill the|my|our @child",
        "hurt_child_badly": "hurt the|my|our|his|her @child badly|physically",
        "carer_does_things": "@carer *2 do|does|did things|stuff to her|him|me",
    }, subject="other"),
    _group("child", {
        "carer_hurts_me": "@carer *2 @violent|hurt|touch|abuse|molest|burn me",
        "carer_touches_me": "@carer *2 touch me",
    }, subject="self"),
    _group("child", {
        "hurts_me": "hurt me",
        "into_my_room": "come|comes into my room at night",
        "our_secret": "our secret",
        "what_they_do": "what my @carer do|does|did to me",
        "if_i_tell": "if i tell *3 he|she will|'ll|would",
        "bruises_young": "the|my bruises",
        "does_stuff_at_night": "@carer *2 do|does|did stuff|things at night",
        "told_not_to_tell": "say|tell|said *3 not to tell",
        "the_belt": "the belt",
        "belt_me": "belt me",
        "touches_me": "touch me",
    }, subject="self", young_writer_only=True),
    _group("harm_others", {
        "going_to_kill": "i *2 will|go|want|plan|need to? @violent_aim|burn him|her|them|my|his",
        "i_kill_him": "i @violent_aim him|her|them",
        "going_to_kill_someone": "go to @violent_aim him|her|them|my|his",
        "put_in_hospital": "put him|her|them in the? hospital|ground|grave",
        "waiting_with_weapon": "@weapon *4 wait|waiting for him|her|them",
        "thinking_of_killing": "i *2 think|dream|imagine about|of? @violent_aim him|her|them",
        "hurt_badly": "i *3 hurt him|her|them so|really? badly|seriously|bad|physically",
        "with_him_inside": "with him|her|them in it|inside",
        "beat_to_death": "beat|stab him|her|them to death",
        "run_over": "run him|her|them over",
        "break_legs": "break his|her|their legs|neck|arms",
        "set_fire": "set fire to his|her|their",
        "use_it_on_him": "use it on him|her|them",
        "wait_with_weapon": "wait *5 with a|the|my @weapon",
        "kill_the_person": "i *2 will|go|want|plan|need to? @violent_aim the guy|man|woman|girl|bitch|bastard|prick|person",
        "weapon_for_him": "@weapon *4 for when he|she|they",
        "end_him": "i *2 will|go|want to end him|her|them",
        "slit_his_throat": "i *3 slit|cut his|her|their throat",
        "bash_head_in": "bash|smash|cave his|her|their head|face|skull in",
        "want_him_dead": "want him|her|them dead",
        "weapon_for_them": "@weapon for him|her|them",
    }, subject="self"),
    _group("harm_others", {
        "pay_with_life": "pay with his|her|their life",
        "in_the_ground": "he|she|they *1 will|'ll be in the ground",
        "wont_see_me_coming": "not see me coming",
        "wont_be_breathing": "he|she|they *1 not be breathing|alive",
    }, subject="self", writer_acts=False),
)
PATTERNS = tuple(pattern for group in _PATTERN_GROUPS for pattern in group)

# Facts about the writer that change the category: a child who writes about being hurt gets a
# child helpline; an adult's age stops "my daughter" from meaning a child.
MARKERS = {
    "young_writer": ["i be only? #age", "we be|are|'re only? #age", "i be #age year|yr|yrs old", "#age year|yr old and? i",
                     "year|grade 1|2|3|4|5|6|7|8|9|10|11", "1st|2nd|3rd|4th|5th|6th|7th|8th|9th|10th|11th grade",
                     "i be a kid|child|minor|teenager"],
    "adult_age": ["#adult year|yr|yrs old", "i be #adult"],
    "child_noun": ["@child", "#age year|yr old", "little|baby brother|sister"],
}

# Phrases that, in the same clause as a match, show the words mean something else. Keyed by pattern
# name; several patterns share a list.
_KILL_ME_IDIOMS = ["killing me", "kill me now", "someone kill me", "somebody kill me", "kill me with",
                   "mum would kill me", "mom would kill me", "mum will kill me", "mom will kill me",
                   "mum is going to kill me", "mom is going to kill me", "parents would kill me",
                   "parents will kill me", "would kill me if i fail", "boss will kill me",
                   "boss is going to kill me", "teacher will kill me", "coach will kill me",
                   "sister is going to kill me", "brother is going to kill me", "sister will kill me",
                   "brother will kill me", "landlord is going to kill me", "landlord will kill me",
                   "landlord 's going to kill me", "sister 's going to kill me", "brother 's going to kill me"]
_NOT_VIOLENCE = ["hit me up", "hit me with", "it hit me", "that hit me", "this hit me", "hit me hard",
                       "it hits me", "that hits me", "this hits me", "grief hits me", "it all hits me",
                       "beat me at", "beat me in", "beat me to", "shoot me a", "shoot me an",
                       "shot me a", "shot me an", "choke me up", "hit me like", "beat me by",
                       "kick me out", "kicked me out", "hit me that", "slap me on the back",
                       "shot me down", "shoot me down", "hit me different", "hit me differently",
                       "beats me why", "beats me how", "beats me what", "it beats me",
                       "stab me in the back", "stabbed me in the back", "stabs me in the back",
                       "kick me to the curb", "kicked me to the curb", "shot me a", "shoot me a",
                       "a car would hit me", "a car would just hit me", "a bus would hit me",
                       "a bus would just hit me", "a truck would hit me", "a train would hit me",
                       "beat me down with", "beats me down", "beat me down emotionally"]
LOOKALIKES = {
    "violence_to_me": _NOT_VIOLENCE,
    "carer_hurts_me": _NOT_VIOLENCE,
    "keep_cutting": ["cutting corners", "cutting him", "cutting her", "cutting them", "cutting ties",
                     "cutting back", "cutting out", "cutting down", "cutting my hair", "cutting contact"],
    "going_to_kill_someone": ["with kindness", "shoot my shot", "kill time", "shoot him a", "shoot her a"],
    "when_im_gone": ["gone for the", "gone on", "gone to", "gone for a"],
    "pushed": ["push me to", "pushed me to", "pushes me to", "push me away", "pushed me away",
               "pushes me away", "push me into", "pushed me into doing", "push me too far",
               "pushed me too far", "push my buttons", "pushed my buttons"],
    "thrown_at_me": ["throw shade", "threw shade", "throws shade", "a party", "a bone", "a curveball",
                     "a curve ball", "a look", "a glance", "a smile", "compliments"],
    "held_down": ["hold me down to", "sit me down and", "sat me down and", "sit me down to", "sat me down to",
                  "sits me down"],
    "end_for_good": ["with him", "with her", "with them", "between us", "relationship"],
    "plan_to_end": ["with him", "with her", "with them", "relationship", "lease", "contract"],
    "trapped_in_house": ["feel trapped in this relationship"],
    "kill_me": _KILL_ME_IDIOMS,
    "threat_to_kill": _KILL_ME_IDIOMS,
    "violence_to_them": ["hit him up", "hit her up", "hit them up", "beat him at", "beat her at",
                         "beat them at", "beat him in", "beat her in", "beat them in", "shoot him a",
                         "shoot her a", "shot him a", "shot her a", "shoot them a", "shot them a",
                         "hit them with", "hit him with", "hit her with"],
    "going_to_kill": ["with kindness", "could kill", "kill time", "shoot my shot",
                      "shoot him a", "shoot her a", "shoot them a",
                      "shoot the breeze", "beat him at", "beat her at", "beat them at", "beat him in",
                      "beat her in", "beat the"],
    "i_kill_him": ["with kindness", "shot him a", "shot her a", "shot them a", "shoot him a",
                   "shoot her a", "shoot them a"],
    "hurt_myself": ["at the gym", "by accident", "accidentally", "playing", "fell", "shaving", "workout",
                    "running", "my ankle", "my back", "my knee", "lifting"],
    "cut_body": ["shaving", "by accident", "accidentally", "cooking", "on glass", "paper", "chopping"],
    "want_to_die": ["die of", "die laughing", "die for"],
    "kill_myself": ["shoot myself in the foot", "shot myself in the foot", "kill myself laughing"],
    "not_want_to_live": ["want to live with", "want to live here", "want to live there",
                         "want to live together", "want to live in this house", "want to live in that"],
    "want_to_be_dead": ["dead tired", "dead on my feet"],
    "selfharm": ["selfharm helpline", "selfharm hotline", "selfharm line", "selfharm support",
                 "selfharm charity", "selfharm number", "selfharm resources", "selfharm services",
                 "selfharm awareness", "about selfharm", "selfharm mean"],
    "suicidal": ["warning signs", "signs that", "signs of", "how do i know if", "someone who is",
                 "someone is", "asked if", "ask if", "asked whether", "ask me if", "asks if"],
    "end_it_soon": ["end it with", "end it between", "end it for good with", "end the relationship"],
    "cut_again": ["cut ties", "cut him", "cut her", "cut them", "cut contact", "cut off", "cut my hair",
                  "cut back", "cut the"],
    "fresh_cuts": ["fresh start", "hair", "new cut of", "fresh cut grass", "haircut"],
    "blades": ["razor to shave", "shave", "shaving"],
    "leaves_marks": ["leave marks on the", "coffee"],
    "black_eye": ["black eyed", "black eyeliner"],
    "broke_in_short": ["break in the", "break in new", "break in my shoes"],
    "if_i_died": ["what happens to", "will", "insurance"],
    "hope_i_crash": ["crash course", "crash at", "crash on"],
}

# Everyday idioms built from risk words. When one is present and no pattern fires, the detector reports
# it, and the Rasa component drops a crisis intent that the statistical classifier guessed from the
# words alone ("i finally cut ties with him", "dead tired").
IDIOMS = ("cut ties", "cut him off", "cut her off", "cut them off", "cut contact", "cut off contact",
          "dead tired", "dead on my feet", "dying to", "killing me", "kill time", "killing time",
          "end it with", "end things with", "shot him a", "shot her a", "hit me up", "beat me at",
          "to die for", "died laughing", "nearly died", "killing it", "bored to death",
          "scared to death", "sick to death", "over my dead body", "dead inside", "could kill",
          "choked up", "stab in the back", "stabbed me in the back", "drop dead", "cutting corners")

# Words that say the clause is a joke when the threat is against someone else ("i could kill him lol").
JOKE_MARKERS = frozenset("lol lmao lmfao haha hahaha rofl 😂 🤣 😆 😅 jk".split())
# A third person's risk inside a story, a film or the news is not a disclosure.
MEDIA_WORDS = frozenset("book movie film show series character episode documentary song novel news "
                        "article podcast game".split())
# Negators cancel a match that follows them in the same clause, unless the pattern holds its own.
NEGATORS = frozenset("not never no nobody noone".split())
# "not sure", "don't know", "never know" hedge rather than deny.
HEDGES = frozenset("sure know certain think if".split())
CLAUSE_BREAKS = frozenset(", . ; ! ? and but though although however because so yet".split())
# Resolved history is not an acute risk ("i used to cut myself", "i was suicidal as a teenager").
PAST_MARKERS = ("used to", "as a teenager", "as a teen", "as a kid", "years ago", "when i was younger",
                "in the past", "not for years", "a long time ago", "in high school", "when i was little",
                "when i was young", "when i was a child", "recovery from", "in recovery", "clean for",
                "clean from")
