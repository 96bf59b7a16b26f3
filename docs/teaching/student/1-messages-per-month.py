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
# Your code here

# %% [markdown]
# **Task 2.** Draw the counts as bars, one per month in date order, months
# without a message included.

# %% tags=["answer"]
# Your code here

# %% [markdown]
# **To discuss.** Which months stand out, and what was happening then? The
# [messages](../edition/index.rst) of those months say.
