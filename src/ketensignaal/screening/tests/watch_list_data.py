"""Small watch-list files in both formats (invented people, in the shape OpenSanctions publishes)."""

from __future__ import annotations

import json


def ftm_line(
    entity_id: str, names: list[str], *, aliases: tuple[str, ...] = (), birth: str = "", country: str = "", schema: str = "Person"
) -> str:
    props: dict[str, list[str]] = {"name": names, "alias": list(aliases), "topics": ["sanction"]}
    if birth:
        props["birthDate"] = [birth]
    if country:
        props["nationality"] = [country]
    return json.dumps({"id": entity_id, "schema": schema, "caption": names[0], "properties": props}, ensure_ascii=False)


FTM_LIST = "\n".join(
    [
        ftm_line("NK-1", ["Muhammad Al-Hasan"], aliases=("محمد الحسن",), birth="1994-03-12", country="sy"),
        ftm_line("NK-2", ["Ivan Petrov"], aliases=("Иван Петров",), birth="1970", country="ru"),
        ftm_line("NK-3", ["Hasan Trading LLC"], schema="Company"),
        ftm_line("NK-4", ["Abdul Rahman Haddad"], birth="1981", country="iq"),
    ]
)
CSV_LIST = (
    "id,name,aliases,birth_date,nationality\n"
    "C-1,Muhammad Al-Hasan,محمد الحسن;Mohamad Hassan,1994-03,SYR\n"
    "C-2,Ivan Petrov,,1970,RUS\n"
)
