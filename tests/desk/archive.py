"""A small invented archive with known answers for the desk's tests.

Who is who (what the tests hold the desk to):
- Volodymyr Zelensky is written "Volodymyr Zelensky", "Zelenskiy" alone and "Volodymyr
  Zelenskyy" in three briefings: one person.
- Daniel Driscoll is also "Dan Driscoll": one person.
- Maria Lopez (Spain's health minister) and Carlos Lopez (the dockworkers' union leader) share
  a surname: two people; "Lopez" alone goes to Maria where the briefing calls her the health
  minister, and to Carlos where the briefing names the port authority he fights; "Mr Lopez"
  of a briefing that says nothing more is neither.
- The International Atomic Energy Agency is also "IAEA".
What is coming (after TODAY): a summit in Geneva on 20 March 2026 (four briefings), a vote in
parliament on 2 April 2026 (one), a trial in May 2026 (one).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

TODAY = dt.date(2026, 3, 14)

BRIEFINGS = {
    "01-kyiv-talks.md": """---
title: Zelensky meets Driscoll in Kyiv
date: 2026-03-02
source: Wire One
---
Ukrainian President Volodymyr Zelensky met US Army Secretary Daniel Driscoll in Kyiv on Monday to discuss the peace plan.

"We are ready for honest and prompt work," Zelensky told reporters after the meeting.

Both sides said the leaders would meet again at a summit in Geneva on March 20.
""",
    "02-zelenskiy-energy.md": """---
title: Zelenskiy warns of winter energy gap
date: 2026-03-04
source: Wire Two
---
President Zelenskiy said on Wednesday that Ukraine needed more air defence before the winter.

"Every system we receive saves lives in our cities," Zelenskiy said in his evening address from Kyiv.

Officials expect the summit in Geneva on March 20 to take up the request.
""",
    "03-zelenskyy-geneva.md": """---
title: Geneva summit plans take shape
date: 2026-03-09
source: Wire One
---
Ukrainian President Volodymyr Zelenskyy will attend the summit in Geneva on March 20, his office said on Monday.

Swiss officials said security in Geneva would be tightened for the summit.
""",
    "04-maria-lopez-health.md": """---
title: Spain's health minister backs vaccine plan
date: 2026-03-05
source: Wire Three
---
Spain's health minister Maria Lopez backed the European vaccine plan in Madrid on Thursday.

"This plan will save lives," Lopez said.

Parliament will vote on the plan on April 2.
""",
    "05-carlos-lopez-strike.md": """---
title: Dockworkers threaten strike in Valencia
date: 2026-03-06
source: Wire Three
---
Carlos Lopez, the leader of the dockworkers' union, threatened a strike against the Valencia Port Authority on Friday.

"The port will stop if nothing changes," Lopez said.
""",
    "06-lopez-minister.md": """---
title: Health minister defends hospital budget
date: 2026-03-10
source: Wire Two
---
Health minister Lopez defended the hospital budget in Madrid on Tuesday.

Lopez said the budget would be debated again next month.
""",
    "07-lopez-port.md": """---
title: Valencia port strike talks stall
date: 2026-03-11
source: Wire One
---
Talks between the dockworkers and the Valencia Port Authority stalled on Wednesday, Mr Lopez said.
""",
    "08-driscoll-visit.md": """---
title: US Army Secretary returns to Europe
date: 2026-03-12
source: Wire Two
---
US Army Secretary Dan Driscoll arrived in Warsaw on Thursday for talks on air defence.

Driscoll said he would brief Zelensky before the Geneva summit on March 20.
""",
    "09-iaea-inspection.md": """---
title: Nuclear inspectors head to Zaporizhzhia
date: 2026-03-07
source: Wire Three
---
The International Atomic Energy Agency (IAEA) said on Saturday that its inspectors would visit Zaporizhzhia next week.

"Safety comes first," the IAEA said in a statement.
""",
    "10-iaea-report.md": """---
title: IAEA report on plant safety
date: 2026-03-13
source: Wire One
---
The IAEA said on Friday that the plant had lost external power twice this month.

The trial of the plant's former director is due to open in May 2026 in Kyiv.
""",
    "11-old-news.md": """---
title: January talks on grain exports
date: 2026-01-10
source: Wire Two
---
Ukrainian President Volodymyr Zelensky discussed grain exports in Odesa on Saturday.
""",
    "13-lopez-unknown.md": """---
title: No comment from Lopez
date: 2026-03-08
source: Wire Three
---
Mr Lopez declined to comment on Sunday.
""",
    "12-hearing-past.md": """---
title: Hearing on port safety held
date: 2026-03-03
source: Wire One
---
A hearing on port safety was held in Valencia on March 1, the regional government said.
""",
}


def write_archive(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in BRIEFINGS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
