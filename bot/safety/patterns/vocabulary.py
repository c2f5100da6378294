"""The word groups patterns use ("@violent", "@pills"), and the shape of one pattern."""

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


def group(category, phrases, subject=None, **flags):
    return [RiskPattern(category, name, phrase, subject, **flags) for name, phrase in phrases.items()]
