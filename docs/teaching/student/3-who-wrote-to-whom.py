# %% [markdown]
# # Who wrote to whom
#
# *Level: intermediate. Skills: joint messages, a table of pairs, a
# heat map.*
#
# Most messages go from Stalin to one leader, but some are joint: one
# message to Churchill and Roosevelt together. `recipients` is a tuple.

# %%
from collections import Counter

import matplotlib.pyplot as plt

from stalin_telegrams import load

corpus = load()
joint = [m for m in corpus if len(m.recipients) > 1]
print(len(joint), "joint messages, such as", joint[0].id, joint[0].recipients)

# %% [markdown]
# **Task 1.** Count the messages from each sender to each recipient, a joint
# message once for each of its recipients. Then count the messages: a joint
# message once.

# %% tags=["answer"]
# Your code here

# %% [markdown]
# **Task 2.** Draw the pairs as a heat map: senders as rows, recipients as
# columns.

# %% tags=["answer"]
# Your code here

# %% [markdown]
# **To discuss.** Why do the two totals differ? Which way of counting
# answers "how many messages did Churchill get"?
