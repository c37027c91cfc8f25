"""Bank: loading and validating 20,000 generated questions, and the answer matcher's rate."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import yaml

from bench.common import CACHE_DIR, Result, median, now, pct
from bot import answers, romanisation
from bot.answers import is_correct
from bot.bank import cache, load_bank
from bot.bank.gcpause import gc_paused
from bot.bank.yamlnodes import compose

FULL = {"native_packs": 9, "per_native": 2000, "red_lists": 4, "per_red": 500, "repeats": 2,
        "checks": 100_000, "cold_checks": 20_000}  # fmt: skip
QUICK = {"native_packs": 2, "per_native": 50, "red_lists": 1, "per_red": 20, "repeats": 1,
         "checks": 2_000, "cold_checks": 500}  # fmt: skip
#: bump when the generated packs change, so an old cached folder is not reused
GENERATOR = 1
CATEGORIES = ("cast", "characters", "story", "production", "soundtrack-1")
DIFFICULTIES = ("easy", "medium", "hard")
FAMILY = (
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Oh",
    "Seo",
    "Shin",
    "Kwon",
    "Hwang",
    "Ahn",
    "Song",
    "Yoo",
    "Hong",
    "Noh",
    "Sohn",
)
SYLLABLES = (
    "min",
    "seo",
    "ji",
    "hyeon",
    "woo",
    "jun",
    "soo",
    "yeon",
    "ha",
    "eun",
    "sang",
    "hyuk",
    "rok",
    "sae",
    "jae",
    "won",
    "young",
    "hee",
    "kyung",
    "na",
    "ra",
    "dong",
    "jin",
    "bin",
    "ho",
    "tae",
    "hoon",
    "yun",
    "mi",
    "so",
)
WORDS = ("autumn", "letter", "piano", "station", "harbour", "melody", "winter", "garden",
         "promise", "rooftop", "cassette", "lighthouse", "studio", "umbrella", "bakery",
         "concert", "notebook", "subway", "festival", "radio", "balcony", "midnight")  # fmt: skip
SOURCES = 5


def _name(rng: random.Random) -> str:
    given = rng.choice(SYLLABLES).capitalize() + "-" + rng.choice(SYLLABLES)
    return f"{rng.choice(FAMILY)} {given}"


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(2, 3)))


def _item(rng: random.Random) -> tuple[str, list[str]]:
    """An answer and its aliases: a person's name (with spelling variants) or a title."""
    if rng.random() < 0.6:
        name = _name(rng)
        family, given = name.split(" ", 1)
        return name, [f"{family} {given.replace('-', ' ')}", given]
    title = _title(rng)
    return title, [f"The {title}"]


def _wrong(rng: random.Random, accepted: list[str], like_name: bool) -> list[str]:
    """Three wrong answers that the matcher does not accept for this question."""
    out: list[str] = []
    while len(out) < 3:
        text = _name(rng) if like_name else _title(rng)
        if text not in out and not is_correct(text, accepted):
            out.append(text)
    return out


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _native(slug: str, count: int, rng: random.Random) -> str:
    lines = [f"pack: {slug}", f"title: Generated pack {slug}",
             "description: Generated for the benchmark.", "questions:"]  # fmt: skip
    for i in range(count):
        answer, aliases = _item(rng)
        wrong = _wrong(rng, [answer, *aliases], like_name="-" in answer)
        lines += [
            f"  - id: q{i}",
            f"    question: {_q(f'Question {i} of {slug}: who or what is it about?')}",
            f"    answer: {_q(answer)}",
            f"    aliases: [{', '.join(_q(a) for a in aliases)}]",
            f"    wrong_answers: [{', '.join(_q(w) for w in wrong)}]",
            f"    category: {CATEGORIES[i % len(CATEGORIES)]}",
            f"    difficulty: {DIFFICULTIES[i % 3]}",
            f"    source: src-{i % SOURCES}",
            f"    evidence: {_q(f'The article says it is {answer}.')}",
        ]
        if i % 4 == 0:
            lines.append(f"    episode: {i % 6 + 1}")
    return "\n".join(lines) + "\n"


def _red(count: int, rng: random.Random) -> str:
    lines = ["AUTHOR: Benchmark", "DESCRIPTION: A generated Red trivia list.",
             "CONFIG:", "  delay: 30"]  # fmt: skip
    for i in range(count):
        answer, aliases = _item(rng)
        lines.append(f"{_q(f'Red question {i}: who or what is {answer}?')}:")
        lines += [f"- {_q(a)}" for a in (answer, *aliases)]
    return "\n".join(lines) + "\n"


def pack_folder(size: dict[str, int]) -> Path:
    """The cached folder of generated packs for this size (built on first use)."""
    folder = CACHE_DIR / (f"bank-{size['native_packs']}x{size['per_native']}-"
                          f"{size['red_lists']}x{size['per_red']}-g{GENERATOR}")  # fmt: skip
    if folder.is_dir():
        return folder
    rng = random.Random(5)
    tmp = folder.with_name(folder.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    sources = "sources:\n" + "".join(
        f"  - id: src-{i}\n    title: Generated article {i}\n" for i in range(SOURCES)
    )
    (tmp / "sources.yaml").write_text(sources, encoding="utf-8")
    for p in range(size["native_packs"]):
        text = _native(f"gen-{p}", size["per_native"], rng)
        (tmp / f"gen-{p}.yaml").write_text(text, encoding="utf-8")
    for r in range(size["red_lists"]):
        (tmp / f"red_list_{r}.yaml").write_text(_red(size["per_red"], rng), encoding="utf-8")
    tmp.rename(folder)
    return folder


def _guesses(bank_questions: list, count: int, rng: random.Random) -> list[tuple[str, tuple]]:
    """A realistic mix: right (as written, lower case, alias), misspelt, and wrong guesses."""
    out = []
    for _ in range(count):
        q = rng.choice(bank_questions)
        accepted = q.accepted
        kind = rng.random()
        if kind < 0.3:
            guess = rng.choice(accepted)
        elif kind < 0.45:
            guess = q.answer.lower().replace("-", "")
        elif kind < 0.65:
            # a typo: one letter dropped or doubled
            word = q.answer
            i = rng.randrange(1, len(word))
            guess = word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i - 1 :]
        elif kind < 0.9 and q.wrong_answers:
            guess = rng.choice(q.wrong_answers)
        else:
            guess = _name(rng) if rng.random() < 0.5 else rng.choice(WORDS)
        out.append((guess, accepted))
    return out


def _clear_caches() -> None:
    for fn in (answers._compile, answers._guess, answers._tokens, romanisation.romanize,
               romanisation.syllables, answers._part, answers._forms):  # fmt: skip
        fn.cache_clear()


def _matcher(result: Result, questions: list, size: dict[str, int]) -> None:
    rng = random.Random(8)
    # realistic: players of one question repeat each other, so guesses recur (warm caches)
    pool = _guesses(questions[:2000], 5000, rng)
    mix = [rng.choice(pool) for _ in range(size["checks"])]
    cold = _guesses(questions, size["cold_checks"], rng)
    exact: list[float] = []
    warm: list[float] = []
    cold_rates: list[float] = []
    right = 0
    for _ in range(3):
        # the floor: a plain case-folded set lookup of the same guesses
        t = now()
        for guess, accepted in mix:
            _ = guess.casefold() in {a.casefold() for a in accepted}
        exact.append(len(mix) / (now() - t))
        t = now()
        right = 0
        for guess, accepted in mix:
            right += is_correct(guess, accepted)
        warm.append(len(mix) / (now() - t))
        _clear_caches()
        t = now()
        for guess, accepted in cold:
            is_correct(guess, accepted)
        cold_rates.append(len(cold) / (now() - t))
    rate = median(warm)
    result.add("matcher, realistic mix (guesses recur)", rate, "checks/s",
               reference=f"{right / len(mix):.0%} accepted", goal=">= 100,000/s",
               met=rate >= 100_000)  # fmt: skip
    cold_rate = median(cold_rates)
    result.add("matcher, every guess new (cold caches)", cold_rate, "checks/s",
               goal=">= 100,000/s", met=cold_rate >= 100_000)  # fmt: skip
    result.add("floor: exact case-folded set lookup", median(exact), "checks/s")


def _load(result: Result, folder: Path, size: dict[str, int]) -> list:
    files = sorted(p for p in folder.glob("*.yaml") if p.name != "sources.yaml")
    texts = [p.read_bytes() for p in files]
    loads: list[float] = []
    composes: list[float] = []
    inside: list[float] = []
    matching: list[float] = []
    floors: list[float] = []
    events: list[float] = []
    colds: list[float] = []
    warms: list[float] = []
    bank = None
    for r in range(size["repeats"]):
        _clear_caches()
        t = now()
        bank = load_bank([folder])
        loads.append(now() - t)
        # with the validated-pack cache: an empty cache folder (full load + writing every
        # entry), then the same folder again (every entry read back, nothing validated)
        where = folder.parent / f"pack-cache-{folder.name}-{os.getpid()}-{r}"
        shutil.rmtree(where, ignore_errors=True)
        cache.enable(where)
        try:
            _clear_caches()
            t = now()
            cold = load_bank([folder])
            colds.append(now() - t)
            t = now()
            warm = load_bank([folder])
            warms.append(now() - t)
        finally:
            cache.enable(None)
            shutil.rmtree(where, ignore_errors=True)
        if not warm == cold == bank:
            raise AssertionError("the cached bank differs from the uncached one")
        t = now()
        for p, text in zip(files, texts, strict=True):
            compose(text, str(p))
        composes.append(now() - t)
        # the same, as load_bank runs it: collector paused, each tree dropped before the next
        t = now()
        with gc_paused():
            for p, text in zip(files, texts, strict=True):
                compose(text, str(p))
        inside.append(now() - t)
        # the wrong-answer check that validation runs, alone (cold caches, collector paused)
        pairs = [(w, q.accepted) for q in bank.questions() for w in q.wrong_answers]
        _clear_caches()
        t = now()
        with gc_paused():
            for guess, accepted in pairs:
                is_correct(guess, accepted)
        matching.append(now() - t)
        # the floors, with the collector paused as the loader runs
        t = now()
        with gc_paused():
            for text in texts:
                yaml.load(text, Loader=yaml.CSafeLoader)
        floors.append(now() - t)
        t = now()
        with gc_paused():
            for text in texts:
                for _event in yaml.parse(text, Loader=yaml.CSafeLoader):
                    pass
        events.append(now() - t)
    assert bank is not None
    n = len(bank)
    mb = sum(len(t) for t in texts) / 1e6
    p50 = median(loads)
    result.add(f"load_bank: {n:,} questions, {len(files)} files, p50", p50, "s",
               reference=f"{mb:.1f} MB of YAML", goal="< 1 s", met=p50 < 1)  # fmt: skip
    result.add("load_bank, worst of repeats", pct(loads, 1.0), "s", goal="< 1 s",
               met=pct(loads, 1.0) < 1)  # fmt: skip
    result.add("YAML compose alone, file by file (collector on between calls)",
               median(composes), "s")  # fmt: skip
    result.add("  of which YAML compose, as inside load_bank (collector paused)",
               median(inside), "s")  # fmt: skip
    result.add(f"  of which wrong-answer checks: {len(pairs):,} is_correct, cold",
               median(matching), "s")  # fmt: skip
    cold_p50, warm_p50 = median(colds), median(warms)
    result.add("load_bank, cache on, cache empty (cold start: load + write)", cold_p50, "s",
               reference="validated-pack cache", goal="< 1.5 s", met=cold_p50 < 1.5)  # fmt: skip
    result.add("load_bank, cache on, every pack cached (warm start)", warm_p50, "s",
               reference="same bank as uncached", goal="< 0.2 s", met=warm_p50 < 0.2)  # fmt: skip
    result.add("floor: yaml.load with libyaml CSafeLoader (collector paused)", median(floors),
               "s", reference="same files, plain dicts")  # fmt: skip
    result.add("floor: libyaml parse events alone (collector paused)", median(events), "s",
               reference="yaml.parse, CSafeLoader")  # fmt: skip
    return bank.questions()


def run(quick: bool = False) -> Result:
    """Measure loading the generated bank and the matcher."""
    size = QUICK if quick else FULL
    t = now()
    result = Result("bank", size=dict(size))
    folder = pack_folder(size)
    questions = _load(result, folder, size)
    _matcher(result, [q for q in questions if q.wrong_answers] or questions, size)
    result.seconds = now() - t
    return result
