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
# Your code here

# %% [markdown]
# **Task 2.** Draw one line per place, years along the bottom.

# %% tags=["answer"]
# Your code here

# %% [markdown]
# **To discuss.** A mention is a name in the text, not a topic. What would
# you read to tell whether a message is *about* Warsaw?
