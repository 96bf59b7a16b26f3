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
# Your code here

# %% [markdown]
# **Task 2.** Draw the waits of the three correspondents with most answers
# side by side.

# %% tags=["answer"]
# Your code here

# %% [markdown]
# **To discuss.** A date is the day a message bears; a message could arrive
# days later. What does a wait of 0 days mean, and which waits would you
# check by reading the two messages?
