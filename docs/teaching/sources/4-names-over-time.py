# %% [markdown]
# # Names and places over time
#
# *Level: advanced. Skills: the index of names, mentions, a line chart.*
#
# Each message lists the names it mentions (`message.mentions`), taken from
# an index of 389 people, places, countries and more (`corpus.names()`).
# When did the war's places come and go in the correspondence?

# %%
from collections import Counter

import matplotlib.pyplot as plt

from stalin_telegrams import load

corpus = load()
places = corpus.names(kind="place")
print(len(places), "places; the most mentioned:")
for entry in sorted(places, key=lambda e: -len(e.ids))[:5]:
    print(f"  {entry.name:<14} in {len(entry.ids)} messages")

# %% [markdown]
# **Task 1.** For Stalingrad, Warsaw and Berlin, count the messages of each
# year that mention them.

# %% tags=["answer"]
chosen = ["Stalingrad", "Warsaw", "Berlin"]
years = range(1941, 1946)
counts = {name: Counter() for name in chosen}
for message in corpus:
    if message.date is None:
        continue
    for name in {mention.name for mention in message.mentions} & set(chosen):
        counts[name][message.date.year] += 1
for name in chosen:
    print(f"{name:<11}", [counts[name][y] for y in years])

# %% [markdown]
# **Task 2.** Draw one line per place, years along the bottom.

# %% tags=["answer"]
fig, ax = plt.subplots(figsize=(6, 3))
for name in chosen:
    ax.plot(list(years), [counts[name][y] for y in years], marker="o", label=name)
ax.set_xticks(list(years))
ax.set_ylabel("messages that mention it")
ax.legend()
fig.tight_layout()

# %% [markdown]
# **To discuss.** A mention is a name in the text, not a topic. What would
# you read to tell whether a message is *about* Warsaw?
