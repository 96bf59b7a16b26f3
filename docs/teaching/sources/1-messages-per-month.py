# %% [markdown]
# # Messages per month
#
# *Level: first steps. Skills: loading the corpus, counting, a bar chart.*
#
# How busy was the correspondence, month by month? Load the corpus, count
# the messages of each month, and draw the counts.

# %%
from collections import Counter

import matplotlib.pyplot as plt

from stalin_telegrams import load

corpus = load()
print(len(corpus), "messages")

# %% [markdown]
# **Task 1.** Count the messages of each month. A message's `date` is a
# `datetime.date` (or `None` for an undated one); `(date.year, date.month)`
# names its month.

# %% tags=["answer"]
months = Counter((m.date.year, m.date.month) for m in corpus if m.date is not None)
busiest = months.most_common(3)
print("busiest months:", busiest)

# %% [markdown]
# **Task 2.** Draw the counts as bars, one per month in date order, months
# without a message included.

# %% tags=["answer"]
first, last = min(months), max(months)
keys = [
    (y, m) for y in range(first[0], last[0] + 1) for m in range(1, 13) if first <= (y, m) <= last
]
fig, ax = plt.subplots(figsize=(8, 3))
ax.bar(range(len(keys)), [months[k] for k in keys], color="#8c2d19")
ticks = [i for i, (year, month) in enumerate(keys) if month == 1]
ax.set_xticks(ticks, [str(keys[i][0]) for i in ticks])
ax.set_ylabel("messages")
ax.set_title("Messages per month, 1941-1945")
fig.tight_layout()

# %% [markdown]
# **To discuss.** Which months stand out, and what was happening then? The
# [messages](../edition/index.rst) of those months say.
