"""MACTOR's formulas (clusterlab/mactor.py), each on a four-actor example computed by hand in the comments."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlab import mactor

ACTORS = ["A", "B", "C", "D"]
# Direct influences, row on column (the diagonal is ignored).
MID = pd.DataFrame([[0, 3, 2, 0],
                    [1, 0, 2, 1],
                    [0, 1, 0, 3],
                    [2, 0, 1, 0]], index=ACTORS, columns=ACTORS)
# By hand, MIDI_ij = MID_ij + Σ_{k≠i,j} min(MID_ik, MID_kj):
#   AB = 3 + min(2,1) [C] + min(0,0) [D] = 4     AC = 2 + min(3,2) [B] + 0 [D] = 4     AD = 0 + min(3,1) + min(2,3) = 3
#   BA = 1 + min(2,0) + min(1,2) = 2              BC = 2 + min(1,2) + min(1,1) = 4      BD = 1 + min(1,0) + min(2,3) = 3
#   CA = 0 + min(1,1) + min(3,2) = 3              CB = 1 + min(0,3) + min(3,0) = 1      CD = 3 + min(0,0) + min(1,1) = 4
#   DA = 2 + min(0,1) + min(1,0) = 2              DB = 0 + min(2,3) + min(1,1) = 3      DC = 1 + min(2,2) + min(0,2) = 3
# and the retroaction MIDI_ii = Σ_{k≠i} min(MID_ik, MID_ki):
#   AA = min(3,1) + min(2,0) + min(0,2) = 1   BB = min(1,3) + min(2,1) + min(1,0) = 2
#   CC = min(0,2) + min(1,2) + min(3,1) = 2   DD = min(2,0) + min(0,1) + min(1,3) = 1
MIDI = [[1, 4, 4, 3],
        [2, 2, 4, 3],
        [3, 1, 2, 4],
        [2, 3, 3, 1]]
# M = row sums off the diagonal, D = column sums off the diagonal; Σ M = Σ D = 36.
M = [11, 9, 8, 8]
D = [7, 8, 11, 10]
# r_i = ((M_i − MIDI_ii) / Σ M) × M_i / (M_i + D_i)
R = [(10 / 36) * (11 / 18), (7 / 36) * (9 / 17), (6 / 36) * (8 / 19), (7 / 36) * (8 / 18)]
R_STAR = [4 * r / sum(R) for r in R]

OBJECTIVES = ["O1", "O2", "O3"]
MAO2 = pd.DataFrame([[3, -2, 0],
                     [2, 1, -1],
                     [-1, 4, 0],
                     [0, -3, 2]], index=ACTORS, columns=OBJECTIVES)


def test_midi_adds_the_indirect_influences_through_a_third_actor():
    got = mactor.midi(MID)
    assert got.to_numpy().tolist() == MIDI
    assert list(got.index) == ACTORS and list(got.columns) == ACTORS


def test_the_diagonal_of_mid_is_ignored():
    noisy = MID.copy()
    for actor in ACTORS:
        noisy.loc[actor, actor] = 4
    assert mactor.midi(noisy).to_numpy().tolist() == MIDI


def test_influence_dependence_and_retroaction():
    got = mactor.balance(MID)
    assert got["influence"].tolist() == M
    assert got["dependence"].tolist() == D
    assert got["retroaction"].tolist() == [1, 2, 2, 1]


def test_balance_of_power_r_and_r_star():
    got = mactor.balance(MID)
    assert got["r"].tolist() == pytest.approx(R)
    assert got["r_star"].tolist() == pytest.approx(R_STAR)
    assert got["r_star"].sum() == pytest.approx(4)


def test_quadrants_split_at_the_means():
    # mean M = 9, mean D = 9: A (11, 7) and B (9, 8) dominate, C (8, 11) and D (8, 10) are dominated
    assert mactor.balance(MID)["quadrant"].tolist() == ["dominant", "dominant", "dominated", "dominated"]
    four = mactor.quadrants(pd.Series([5, 5, 1, 1]), pd.Series([1, 5, 5, 1]))
    assert four.tolist() == ["dominant", "relay", "dominated", "autonomous"]


def test_an_actor_with_no_influence_nor_dependence_weighs_zero():
    lone = pd.DataFrame(0, index=["A", "B", "Z"], columns=["A", "B", "Z"])
    lone.loc["A", "B"] = 2
    got = mactor.balance(lone).set_index("actor_id")
    assert got.loc["Z", "r"] == 0 and got.loc["Z", "r_star"] == 0
    # A: M = 2, D = 0, r = (2/2)·(2/2) = 1; B: M = 0, r = 0 → r*_A = 3·1/1
    assert got.loc["A", "r_star"] == pytest.approx(3)


def test_nothing_at_all_gives_zeros_not_nan():
    empty = pd.DataFrame(0, index=["A", "B"], columns=["A", "B"])
    got = mactor.balance(empty)
    assert got[["r", "r_star"]].to_numpy().tolist() == [[0, 0], [0, 0]]


def test_a_matrix_that_is_not_square_is_refused():
    with pytest.raises(ValueError):
        mactor.midi(MID.loc[:, ["A", "B", "C"]])


# r* by hand: r_A = 55/324 = 0.169753, r_B = 7/68 = 0.102941, r_C = 4/57 = 0.070175, r_D = 7/81 = 0.086420;
# Σ r = 22463/52326 = 0.429289, so r*_A = 4 × 0.169753 / 0.429289 = 1.58171, r*_B = 0.95918, r*_C = 0.65388,
# r*_D = 0.80524 (their sum is 4).
R_STAR_BY_HAND = [1.58171, 0.95918, 0.65388, 0.80524]
# 3MAO_ij = 2MAO_ij × r*_i, row by row:
#   A: 3 × 1.58171 = 4.74514,  −2 × 1.58171 = −3.16342,  0
#   B: 2 × 0.95918 = 1.91835,   1 × 0.95918 =  0.95918,  −1 × 0.95918 = −0.95918
#   C: −1 × 0.65388 = −0.65388, 4 × 0.65388 =  2.61550,  0
#   D: 0,                      −3 × 0.80524 = −2.41571,   2 × 0.80524 =  1.61047
MAO3_BY_HAND = [[4.74514, -3.16342, 0],
                [1.91835, 0.95918, -0.95918],
                [-0.65388, 2.61550, 0],
                [0, -2.41571, 1.61047]]


def test_mao1_is_the_sign_and_mao3_weighs_by_r_star():
    assert mactor.balance(MID)["r_star"].tolist() == pytest.approx(R_STAR_BY_HAND, abs=5e-5)
    assert mactor.mao1(MAO2).to_numpy().tolist() == [[1, -1, 0], [1, 1, -1], [-1, 1, 0], [0, -1, 1]]
    got = mactor.mao3(MAO2, pd.Series(R_STAR, index=ACTORS))
    assert got.to_numpy().ravel().tolist() == pytest.approx(np.ravel(MAO3_BY_HAND).tolist(), abs=5e-5)
    assert list(got.index) == ACTORS and list(got.columns) == OBJECTIVES


def test_the_mobilisation_of_3mao_sums_the_weighted_cells():
    got = mactor.mobilisation(mactor.mao3(MAO2, pd.Series(R_STAR, index=ACTORS))).set_index("objective_id")
    # O1: for 4.74514 (A) + 1.91835 (B) = 6.66349, against −0.65388 (C)
    # O2: for 0.95918 (B) + 2.61550 (C) = 3.57468, against −3.16342 (A) − 2.41571 (D) = −5.57913
    # O3: for 1.61047 (D), against −0.95918 (B)
    assert got.loc["O1"].tolist() == pytest.approx([6.66349, -0.65388], abs=5e-5)
    assert got.loc["O2"].tolist() == pytest.approx([3.57468, -5.57913], abs=5e-5)
    assert got.loc["O3"].tolist() == pytest.approx([1.61047, -0.95918], abs=5e-5)


def test_mobilisation_sums_the_positive_and_the_negative_cells():
    got = mactor.mobilisation(MAO2).set_index("objective_id")
    # O1: 3 + 2 for, −1 against; O2: 1 + 4 for, −2 − 3 against; O3: 2 for, −1 against
    assert got.loc["O1"].tolist() == [5, -1]
    assert got.loc["O2"].tolist() == [5, -5]
    assert got.loc["O3"].tolist() == [2, -1]


def test_convergences_and_divergences_of_each_pair_at_each_level():
    got = mactor.pairs(MAO2, pd.Series(R_STAR, index=ACTORS)).set_index(["actor_a", "actor_b"])
    # The signs (1MAO): A + − 0, B + + −, C − + 0, D 0 − +. Each pair, objective by objective, (|P_i| + |P_k|)/2
    # counted in CAA when both have the same sign, in DAA when opposite (a neutral cell counts in neither):
    # A–B: O1 same: 1MAO 1, 2MAO (3 + 2)/2 = 2.5, 3MAO (4.74514 + 1.91835)/2 = 3.33174
    #      O2 opposite: 1, (2 + 1)/2 = 1.5, (3.16342 + 0.95918)/2 = 2.06130
    # A–C: O1 opposite: 1, (3 + 1)/2 = 2, (4.74514 + 0.65388)/2 = 2.69951
    #      O2 opposite: 1, (2 + 4)/2 = 3, (3.16342 + 2.61550)/2 = 2.88946 → DAA 2, 5, 5.58897
    # A–D: O2 same (both against): 1, (2 + 3)/2 = 2.5, (3.16342 + 2.41571)/2 = 2.78957
    # B–C: O1 opposite: 1, (2 + 1)/2 = 1.5, (1.91835 + 0.65388)/2 = 1.28612
    #      O2 same: 1, (1 + 4)/2 = 2.5, (0.95918 + 2.61550)/2 = 1.78734
    # B–D: O2 opposite: 1, (1 + 3)/2 = 2, (0.95918 + 2.41571)/2 = 1.68745
    #      O3 opposite: 1, (1 + 2)/2 = 1.5, (0.95918 + 1.61047)/2 = 1.28483 → DAA 2, 3.5, 2.97227
    # C–D: O2 opposite: 1, (4 + 3)/2 = 3.5, (2.61550 + 2.41571)/2 = 2.51561
    expected = {  # caa1, caa2, caa3, daa1, daa2, daa3
        ("A", "B"): [1, 2.5, 3.33174, 1, 1.5, 2.06130],
        ("A", "C"): [0, 0, 0, 2, 5, 5.58897],
        ("A", "D"): [1, 2.5, 2.78957, 0, 0, 0],
        ("B", "C"): [1, 2.5, 1.78734, 1, 1.5, 1.28612],
        ("B", "D"): [0, 0, 0, 2, 3.5, 2.97227],
        ("C", "D"): [0, 0, 0, 1, 3.5, 2.51561],
    }
    assert list(got.index) == list(expected)
    for pair, values in expected.items():
        assert got.loc[pair, ["caa1", "caa2", "caa3", "daa1", "daa2", "daa3"]].tolist() == pytest.approx(
            values, abs=5e-5), pair
