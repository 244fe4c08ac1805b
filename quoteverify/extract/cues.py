"""The cue lexicon: words that tell the reader someone is speaking."""

from __future__ import annotations

_VERBS = """say says said saying tell tells told telling add adds added adding write writes wrote
written writing tweet tweets tweeted tweeting post posts posted ask asks asked explain explains
explained note notes noted continue continues continued argue argues argued declare declares
declared state states stated insist insists insisted claim claims claimed warn warns warned
reply replies replied respond responds responded recall recalls recalled remark remarks remarked
quip quips quipped joke jokes joked acknowledge acknowledges acknowledged admit admits admitted
announce announces announced call calls called calling describe describes described describing
urge urges urged order orders ordered ordering vow vows vowed promise promises promised pledge
pledges pledged demand demands demanded predict predicts predicted suggest suggests suggested
shout shouted chant chanted yell yelled exclaim exclaimed boast boasted complain complains complained
charge charged contend contends contended assert asserts asserted conclude concluded concede
conceded emphasize emphasized stress stressed testify testified dub dubbed label labeled labelled
brand branded term termed deride derided praise praised blast blasted slam slammed criticize
criticized accuse accused tout touted report reports reported read reads laughed laugh mused
muse muses believe believes believed think thinks thought told writes wrote vowing promising
saying adding noting telling asking arguing warning calling declaring insisting claiming
repeated repeats repeat lamented lament echoed echoes counter countered counters retorted
retort pointed points observed observes opined wondered whispered cautioned cautions agreed
agrees disagreed blasted mocked ridiculed hailed dismissed questioned proclaimed proclaims
described pleaded begged sang sings interjected interrupted confirmed confirms denied denies
texted emailed messaged tweeted assured reminded elaborated offered advised recounted chimed
explains insists says tells adds writes warns asks argues notes continues""".split()

_NOUN_LIKE = frozenset("""order orders call calls report reports claim claims post posts tweet tweets demand demands charge promise promises pledge pledges vow vows reply replies respond counter counters read reads believe believes think thinks thought repeat repeats lament retort points muse muses laugh laughed joke jokes quip quips notes states label brand term dub praise blast slam accuse criticize tout urge urges continue continues recall recalls remark remarks note state add tell say write ask explain argue declare insist warn admit acknowledge announce describe predict suggest assert conclude concede emphasize stress contend complain boast exclaim pointed agrees agreed sang sings""".split())
# Forms that are as often nouns ("Trump's order") are left out.
VERB_CUES: frozenset[str] = frozenset(_VERBS) - _NOUN_LIKE
# Nouns that introduce someone's words ("comments she made", "in a statement").
NOUN_CUES: frozenset[str] = frozenset(
    """statement statements comments comment remarks remark interview tweet tweets post posts
    speech letter memo email claims claim words message op-ed essay testimony""".split()
)
# Verbs that make a noun cue speak: "comments she made", "a statement he issued".
NOUN_CUE_VERBS: frozenset[str] = frozenset("made gave issued posted delivered wrote released sent".split())
# Cues that govern a short complement and so make even a two-word quote a statement.
NAMING_CUES: frozenset[str] = frozenset(
    """call calls called calling dub dubbed label labeled labelled brand branded term termed
    describe describes described describing deride derided""".split()
)
SKIPPABLE: frozenset[str] = frozenset(
    """has have had was is were are also later then previously once recently would will did
    does do repeatedly again reportedly simply just quickly flatly only further publicly
    privately often frequently still has been later quietly bluntly""".split()
)
