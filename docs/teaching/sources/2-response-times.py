# %% [markdown]
# # How fast did Stalin answer?
#
# *Level: intermediate. Skills: dates and differences of dates, the
# incoming messages, a box plot.*
#
# The volume prints Stalin's side only; the messages he received are known
# from his answers. `corpus.incoming()` lists them, each with its `date`
# (when it is known) and the ids of the printed messages that answer it,
# `answered_by`. The data card says how those dates were decided.

# %%
import matplotlib.pyplot as plt

from stalin_telegrams import load

corpus = load()
incoming = corpus.incoming()
print(len(incoming), "incoming messages;", sum(r.date is not None for r in incoming), "dated")

# %% [markdown]
# **Task 1.** For every dated incoming message that a printed message answers,
# compute the days between it and the first answer.

# %% tags=["answer"]
days: dict[str, list[int]] = {}
for record in incoming:
    if record.date is None or not record.answered_by:
        continue
    answer = corpus[record.answered_by[0]]
    if answer.date is None:
        continue
    for author in record.authors:
        days.setdefault(author, []).append((answer.date - record.date).days)
for author, waits in sorted(days.items(), key=lambda item: -len(item[1])):
    waits.sort()
    print(f"{author:<20} {len(waits):>3} answers, median {waits[len(waits) // 2]} days")

# %% [markdown]
# **Task 2.** Draw the waits of the three correspondents with most answers
# side by side.

# %% tags=["answer"]
leaders = sorted(days, key=lambda a: -len(days[a]))[:3]
fig, ax = plt.subplots(figsize=(6, 3))
ax.boxplot([days[a] for a in leaders])
ax.set_xticks(range(1, len(leaders) + 1), leaders)
ax.set_ylabel("days to Stalin's first answer")
fig.tight_layout()

# %% [markdown]
# **To discuss.** A date is the day a message bears; a message could arrive
# days later. What does a wait of 0 days mean, and which waits would you
# check by reading the two messages?
