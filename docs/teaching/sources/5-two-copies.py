# %% [markdown]
# # Two copies of one message
#
# *Level: advanced. Skills: pairs of messages, similarity, word diffs.*
#
# Stalin often sent the same message to Churchill and to Roosevelt, and the
# two copies are not always word for word the same. `duplicates()` finds the
# pairs, with a similarity from 0 to 1 and a kind; `word_diff()` shows the
# words that differ.

# %%
from collections import Counter

import matplotlib.pyplot as plt

from stalin_telegrams import duplicates, word_diff

pairs = duplicates()
print(Counter(pair.kind for pair in pairs))

# %% [markdown]
# **Task 1.** Among the pairs of kind `same-message`, find the one whose two
# copies differ most, and print its word diff.

# %% tags=["answer"]
same = [pair for pair in pairs if pair.kind == "same-message"]
least = min(same, key=lambda pair: pair.similarity)
print(f"{least.first.id} and {least.second.id}: similarity {least.similarity:.3f}")
diff = word_diff(least.first, least.second)
for chunk in diff.chunks:
    if chunk.op != "equal":
        print(f"  {' '.join(chunk.first) or '-':<40} -> {' '.join(chunk.second) or '-'}")

# %% [markdown]
# **Task 2.** Draw the similarities of all pairs as a histogram, one colour
# per kind.

# %% tags=["answer"]
kinds = sorted({pair.kind for pair in pairs})
fig, ax = plt.subplots(figsize=(6, 3))
ax.hist(
    [[p.similarity for p in pairs if p.kind == kind] for kind in kinds],
    bins=20,
    range=(0, 1),
    stacked=True,
    label=kinds,
)
ax.set_xlabel("similarity")
ax.set_ylabel("pairs")
ax.legend()
fig.tight_layout()

# %% [markdown]
# **To discuss.** Are the differences a translator's, a typist's, or
# Stalin's? What in the two texts would tell you?
