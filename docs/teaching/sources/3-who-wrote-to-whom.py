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
pairs = Counter((s, r) for m in corpus for s in m.senders for r in m.recipients)
for (sender, recipient), n in pairs.most_common():
    print(f"{sender:>10} -> {recipient:<10} {n:>4}")
print(sum(pairs.values()), "sender-recipient pairs,", len(corpus), "messages")

# %% [markdown]
# **Task 2.** Draw the pairs as a heat map: senders as rows, recipients as
# columns.

# %% tags=["answer"]
senders = sorted({s for s, _ in pairs})
recipients = sorted({r for _, r in pairs})
grid = [[pairs[s, r] for r in recipients] for s in senders]
dark = max(pairs.values()) / 2  # white numbers on the darker cells
fig, ax = plt.subplots(figsize=(6, 2.5))
ax.imshow(grid, cmap="Oranges")
ax.set_xticks(range(len(recipients)), recipients)
ax.set_yticks(range(len(senders)), senders)
for i, row in enumerate(grid):
    for j, n in enumerate(row):
        if n:
            ax.text(j, i, str(n), ha="center", va="center", color="white" if n > dark else "black")
fig.tight_layout()

# %% [markdown]
# **To discuss.** Why do the two totals differ? Which way of counting
# answers "how many messages did Churchill get"?
