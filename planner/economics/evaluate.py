"""The economics of a projected scenario, step by step: :func:`evaluate`.

Each step adds its cost items to a :class:`Ledger` and returns what later steps need; the
formulas live in :mod:`~planner.economics.finance`, :mod:`~planner.economics.costs`,
:mod:`~planner.economics.epr` and :mod:`planner.climate`.  The steps, in the order the cost
items appear in the economics CSV:

1. :func:`capital_and_loans` — capex, fixed opex, loans of every facility;
2. :func:`operating_costs` — collection, sorting, composting, gate fees, environmental payment;
3. :func:`awareness_costs` — campaigns, split over regions by the population they reach;
   :func:`landfill_gas_costs` — gas collection and flaring of the landfill-gas lever;
4. :func:`revenue_and_incentives` — recyclables revenue and EPR incentives;
5. :func:`sorting_lines` — per-line margins (no new items);
6. :func:`planner.climate.emissions` — methane, composting, credits;
7. :func:`kpi_values` — the money and climate KPIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from planner import climate as cl
from planner import landfill_gas as lg
from planner.economics.costs import (
    allocate_kzt,
    average_gate_fee_kzt_per_t,
    campaign_cost_kzt,
    cost_per_resident_month_kzt,
    cost_per_tonne_kzt,
    diversion_cost_kzt,
    environmental_payment_kzt,
    fixed_opex_kzt,
    mrp_kzt_by_year,
    opex_kzt,
    per_tonne_cost_kzt,
    recovery_ratio,
    recyclable_revenue_kzt,
    sorting_margin_kzt,
)
from planner.economics.epr import (
    epr_incentive_kzt,
    epr_rates_mrp_per_t,
    packaging_rates_by_stream_mrp_per_t,
)
from planner.economics.finance import (
    blended_rate,
    capex_schedule_kzt,
    cumulative_npv_kzt,
    loan_mix_kzt,
    loan_mix_payment_kzt_per_yr,
    loan_payments_kzt,
    real_rate,
)
from planner.economics.result import EconomicsResult, LoanFinancing, SortingLineEconomics
from planner.projection import Projection, unplaced_by_region
from planner.resolve import FacilityPlan, economics_parameters, per_material
from planner.schema import EconomicsOverrides, EconomicsParameters, Scenario

FloatArray = NDArray[np.float64]

Key = tuple[str, str]
"""``(item, payer)`` of a cost line."""


@dataclass(frozen=True)
class Regional:
    """A projection summed to regions, with the yearly money factors of the parameters."""

    years: list[int]
    """Projected years."""
    regions: list[str]
    """Region ids: the columns of every ``[year, region]`` array."""
    region_index: dict[str, int]
    """Column of each region id."""
    collected_t: FloatArray
    """Collected ``[year, region]`` [t/yr]."""
    sorted_t: FloatArray
    """Sorting input ``[year, region]`` [t/yr]."""
    biotreated_t: FloatArray
    """Composting input ``[year, region]`` [t/yr]."""
    composted_t: FloatArray
    """Composted ``[year, region]`` [t/yr]."""
    recycled_t: FloatArray
    """Recycled ``[year, region, material]`` [t/yr]."""
    recycled_separate_t: FloatArray
    """The part of :attr:`recycled_t` sorted from separately collected waste [t/yr]."""
    population: FloatArray
    """Residents ``[year, region]`` [persons]."""
    to_region: FloatArray
    """0/1 ``[district, region]``."""
    mrp_kzt: FloatArray
    """MRP of each year [KZT]."""
    prices_kzt_per_t: FloatArray
    """Recyclable prices ``[material]`` [KZT/t] (clean, separately collected material)."""
    prices_mixed_kzt_per_t: FloatArray
    """Prices of material picked from mixed waste ``[material]`` [KZT/t]."""
    epr_rates_mrp_per_t: FloatArray
    """Summed EPR rates ``[material]`` [MRP/t] (per tonne of packaging)."""
    epr_separate_mrp_per_t: FloatArray
    """EPR rates per tonne recovered from separate collection, packaging share only
    ``[material]`` [MRP/t]."""
    epr_mixed_mrp_per_t: FloatArray
    """EPR rates per tonne picked from mixed waste, packaging share only ``[material]``
    [MRP/t]."""

    def revenue_kzt(self, separate_t: FloatArray, mixed_t: FloatArray) -> FloatArray:
        """Sales of recovered material, each stream at its price, materials summed [KZT/yr]."""
        return recyclable_revenue_kzt(separate_t, self.prices_kzt_per_t) + recyclable_revenue_kzt(
            mixed_t, self.prices_mixed_kzt_per_t
        )

    def incentive_kzt(
        self, separate_t: FloatArray, mixed_t: FloatArray, realisation: float
    ) -> FloatArray:
        """EPR incentives on recovered tonnes of both streams, materials summed [KZT/yr]."""
        return epr_incentive_kzt(
            separate_t, self.epr_separate_mrp_per_t, self.mrp_kzt, realisation
        ) + epr_incentive_kzt(mixed_t, self.epr_mixed_mrp_per_t, self.mrp_kzt, realisation)

    def column(self, region: str) -> FloatArray:
        """A 0/1 row over regions selecting ``region``."""
        col = np.zeros(len(self.regions))
        col[self.region_index[region]] = 1.0
        return col

    def zeros(self) -> FloatArray:
        """An empty ``[year, region]`` array."""
        return np.zeros((len(self.years), len(self.regions)))


def recycled_separate_t(projection: Projection) -> FloatArray:
    """Recycled tonnes sorted from separately collected waste ``[year, district, material]``
    [t/yr]; all of ``recycled`` for a projection that does not tell the streams apart."""
    if projection.recycled_separate_t is None:
        return projection.arrays["recycled"]
    return projection.recycled_separate_t


def regional(scenario: Scenario, projection: Projection, p: EconomicsParameters) -> Regional:
    """Sum the projection's flows to regions and evaluate the yearly money factors."""
    inputs = projection.inputs
    years = list(projection.years)
    regions = list(dict.fromkeys(r.id for r in scenario.resolved_baseline().regions))
    r_index = {r: i for i, r in enumerate(regions)}
    to_region = np.zeros((len(inputs.district_ids), len(regions)))
    to_region[
        np.arange(len(inputs.district_ids)), [r_index[r] for r in inputs.region_of_district]
    ] = 1
    flows = projection.arrays

    def by_region(arr3: FloatArray) -> FloatArray:  # [y, d, m] → [y, r, m]
        return np.einsum("ydm,dr->yrm", arr3, to_region)

    recycled = flows["recycled"]
    separate = recycled_separate_t(projection)
    epr_separate, epr_mixed = packaging_rates_by_stream_mrp_per_t(p.epr)
    prices = per_material(p.recyclable_prices.kzt_per_t)
    mixed_factor = per_material(
        {m: 1.0 for m in p.recyclable_prices.kzt_per_t}, p.recyclable_prices.mixed_price_factor
    )
    return Regional(
        years=years,
        regions=regions,
        region_index=r_index,
        collected_t=by_region(flows["collected"]).sum(axis=2),
        sorted_t=by_region(flows["sorted"]).sum(axis=2),
        biotreated_t=by_region(flows["biotreated"]).sum(axis=2),
        composted_t=by_region(flows["composted"]).sum(axis=2),
        recycled_t=by_region(recycled),
        recycled_separate_t=by_region(separate),
        population=inputs.population @ to_region,
        to_region=to_region,
        mrp_kzt=mrp_kzt_by_year(p.macro.mrp_kzt, p.macro.mrp_real_growth_per_yr, years),
        prices_kzt_per_t=prices,
        prices_mixed_kzt_per_t=prices * mixed_factor,
        epr_rates_mrp_per_t=epr_rates_mrp_per_t(p.epr),
        epr_separate_mrp_per_t=epr_separate,
        epr_mixed_mrp_per_t=epr_mixed,
    )


@dataclass
class Ledger:
    """Cost lines ``(item, payer) → [year, region]`` [KZT/yr], in the order first added."""

    shape: tuple[int, int]
    """``(years, regions)``."""
    items: dict[Key, FloatArray] = field(default_factory=dict)
    """Lines of the total cost."""
    memo: dict[Key, FloatArray] = field(default_factory=dict)
    """Lines outside the total (debt service, loan subsidy, incentives due)."""

    def add(self, item: str, payer: str, values: FloatArray) -> None:
        """Add to a cost line."""
        self.items[(item, payer)] = self.items.get((item, payer), np.zeros(self.shape)) + values

    def add_memo(self, item: str, payer: str, values: FloatArray) -> None:
        """Add to a memo line."""
        self.memo[(item, payer)] = self.memo.get((item, payer), np.zeros(self.shape)) + values

    def by_payer(self, payer: str) -> FloatArray:
        """What one payer pays ``[year, region]`` [KZT/yr]."""
        return sum((v for (_, who), v in self.items.items() if who == payer), np.zeros(self.shape))


@dataclass(frozen=True)
class Capital:
    """What :func:`capital_and_loans` hands on."""

    diversion_capital_kzt: FloatArray
    """Annualised capex and fixed opex of new sorting and composting ``[year, region]``."""
    financing: list[LoanFinancing]
    """The loan-financed facilities."""
    debt_by_facility: dict[str, FloatArray]
    """Debt service by facility id [KZT/yr]."""


def real_loan_rates(p: EconomicsParameters) -> tuple[float, float]:
    """The concessional and commercial loan rates in real terms [1/yr]: the nominal rates of
    ``finance`` deflated by ``macro.inflation_per_yr`` (:func:`real_rate`)."""
    inflation = p.macro.inflation_per_yr
    return (
        real_rate(p.finance.concessional_rate, inflation),
        real_rate(p.finance.commercial_rate, inflation),
    )


def _capex_payer(plan: FacilityPlan, p: EconomicsParameters) -> str:
    """Who pays a facility's capex: its ``capex_payer``, else by kind (``budget_kinds``)."""
    if plan.facility.capex_payer is not None:
        return plan.facility.capex_payer
    return "local_budget" if plan.kind in p.finance.budget_kinds else "investors"


def _loan(
    plan: FacilityPlan, reg: Regional, p: EconomicsParameters, ledger: Ledger
) -> tuple[LoanFinancing, FloatArray]:
    """Book the loan mix of a facility investors borrow for; return it and its debt service."""
    fac, fin, years = plan.facility, p.finance, reg.years
    share, grace = fin.concessional_share, fin.concessional_grace_yr
    concessional, commercial = real_loan_rates(p)
    col = reg.column(plan.region)
    debt, subsidy = loan_mix_kzt(
        fac.capex_kzt,
        fac.start_year,
        years,
        concessional,
        commercial,
        fin.loan_term_yr,
        share,
        grace,
    )
    ledger.add_memo("debt_service", "investors", debt[:, None] * col)
    ledger.add_memo("concessional_loan_subsidy", "epr_operator", subsidy[:, None] * col)
    loan = LoanFinancing(
        facility=fac.id,
        kind=plan.kind,
        region=plan.region,
        start_year=fac.start_year,
        capex_kzt=fac.capex_kzt,
        concessional_share=share,
        rate=blended_rate(concessional, commercial, share),
        payment_kzt_per_yr=loan_mix_payment_kzt_per_yr(
            fac.capex_kzt, concessional, commercial, fin.loan_term_yr, share, grace
        ),
        payment_all_commercial_kzt_per_yr=loan_mix_payment_kzt_per_yr(
            fac.capex_kzt, concessional, commercial, fin.loan_term_yr, 0.0
        ),
        subsidy_npv_kzt=float(
            cumulative_npv_kzt(subsidy, years, p.macro.discount_rate, years[0])[-1]
        ),
    )
    return loan, debt


def capital_and_loans(
    projection: Projection, reg: Regional, p: EconomicsParameters, ledger: Ledger
) -> Capital:
    """Capex and fixed opex of every facility by payer; loans of the investor-built ones.

    Capex goes to the facility's ``capex_payer``, else to the local budget for
    ``finance.budget_kinds`` and to investors otherwise; investor capex of
    ``finance.eligible_kinds`` is borrowed at the real loan rates (memo lines).  New sorting and
    composting facilities also count, annualised at the discount rate, in the diversion cost.
    """
    inputs, fin, years = projection.inputs, p.finance, reg.years
    diversion_capital = reg.zeros()
    financing: list[LoanFinancing] = []
    debt_by_facility: dict[str, FloatArray] = {}
    for plan in inputs.sorting + inputs.composting + inputs.landfills:
        fac = plan.facility
        col = reg.column(plan.region)
        payer = _capex_payer(plan, p)
        capex = capex_schedule_kzt(fac.capex_kzt, fac.start_year, years)
        if capex.any():
            ledger.add(f"capex_{plan.kind}", payer, capex[:, None] * col)
        fixed = fixed_opex_kzt(
            fac.capex_kzt, p.costs.fixed_opex_share_of_capex_per_yr, plan.operating
        )
        if fixed.any():
            ledger.add(f"fixed_opex_{plan.kind}", payer, fixed[:, None] * col)
        if plan.kind in ("sorting", "composting") and capex.any():
            annual = (
                loan_payments_kzt(
                    fac.capex_kzt, p.macro.discount_rate, fin.loan_term_yr, fac.start_year, years
                )
                * plan.operating
            )
            diversion_capital += (annual + fixed)[:, None] * col
        if plan.kind in fin.eligible_kinds and payer == "investors" and capex.any():
            loan, debt = _loan(plan, reg, p, ledger)
            debt_by_facility[fac.id] = debt
            financing.append(loan)
    return Capital(diversion_capital, financing, debt_by_facility)


@dataclass(frozen=True)
class Operating:
    """What :func:`operating_costs` hands on, ``[year, region]``."""

    sorting_opex_kzt: FloatArray
    composting_opex_kzt: FloatArray
    gate_fee_kzt: FloatArray
    deposited_t: FloatArray


def operating_costs(
    projection: Projection, reg: Regional, p: EconomicsParameters, ledger: Ledger
) -> Operating:
    """Per-tonne operating costs, all paid through the tariff: collection, sorting, composting,
    the landfill gate fee by landfill type and the environmental payment of the paying types."""
    ledger.add(
        "collection",
        "tariff_payers",
        per_tonne_cost_kzt(reg.collected_t, p.costs.collection_kzt_per_t),
    )
    sorting_opex = per_tonne_cost_kzt(reg.sorted_t, p.costs.sorting_kzt_per_t)
    composting_opex = per_tonne_cost_kzt(reg.biotreated_t, p.costs.composting_kzt_per_t)
    ledger.add("sorting_opex", "tariff_payers", sorting_opex)
    ledger.add("composting_opex", "tariff_payers", composting_opex)
    gate_fee, env_payment, deposited_r = reg.zeros(), reg.zeros(), reg.zeros()
    for plan in projection.inputs.landfills:
        fac = plan.landfill
        deposited = projection.fac_input[fac.id].sum(axis=1)
        i = reg.region_index[plan.region]
        deposited_r[:, i] += deposited
        gate_fee[:, i] += per_tonne_cost_kzt(deposited, p.costs.landfill_kzt_per_t[fac.type])
        if fac.type in p.costs.environmental_payment_types:
            env_payment[:, i] += environmental_payment_kzt(
                deposited, p.costs.environmental_payment_mrp_per_t, reg.mrp_kzt
            )
    ledger.add("landfill_gate_fee", "tariff_payers", gate_fee)
    ledger.add("environmental_payment", "tariff_payers", env_payment)
    return Operating(sorting_opex, composting_opex, gate_fee, deposited_r)


def landfill_gas_costs(
    scenario: Scenario, projection: Projection, reg: Regional, ledger: Ledger
) -> None:
    """Gas collection and flaring of ``levers.landfill_gas_capture``: ``capex_landfill_gas``
    and ``opex_landfill_gas`` in the landfill's region, paid by the local budget
    (:func:`planner.landfill_gas.capture_costs_kzt`)."""
    region_of = {p.facility.id: p.region for p in projection.inputs.landfills}
    for gas in scenario.levers.landfill_gas_capture:
        capex, opex = lg.capture_costs_kzt(
            gas.start_year, gas.capex_kzt, gas.opex_kzt_per_yr, reg.years
        )
        col = reg.column(region_of[gas.landfill])
        ledger.add("capex_landfill_gas", "local_budget", capex[:, None] * col)
        ledger.add("opex_landfill_gas", "local_budget", opex[:, None] * col)


def awareness_costs(
    scenario: Scenario, projection: Projection, reg: Regional, ledger: Ledger
) -> FloatArray:
    """Campaign costs ``[year, region]`` [KZT/yr], paid by the local budget and split over
    regions by the population each campaign reaches (:attr:`ResolvedInputs.campaign_reach`)."""
    inputs = projection.inputs
    awareness = reg.zeros()
    for campaign, reached in zip(
        scenario.levers.awareness_campaigns, inputs.campaign_reach, strict=True
    ):
        cost = campaign_cost_kzt(
            campaign.cost_kzt_per_yr, campaign.start_year, campaign.duration_yr, reg.years
        )
        awareness += allocate_kzt(cost, (inputs.population * reached) @ reg.to_region)
    if awareness.any():
        ledger.add("awareness", "local_budget", awareness)
    return awareness


def revenue_and_incentives(
    reg: Regional, p: EconomicsParameters, ledger: Ledger
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Recyclables revenue (to investors) and EPR incentives paid (by the EPR operator, to
    investors) and due at ρ = 1 (memo).

    Separately collected material sells at the clean price and earns EPR on its packaging
    share; material picked from mixed waste sells at the discounted price and earns only the
    mixed-stream rates (:func:`~planner.economics.epr.packaging_rates_by_stream_mrp_per_t`).

    Returns
    -------
    tuple of numpy.ndarray
        Revenue, incentives paid, incentives due, each ``[year, region]`` [KZT/yr].
    """
    separate = reg.recycled_separate_t
    mixed = reg.recycled_t - separate
    revenue = reg.revenue_kzt(separate, mixed)
    ledger.add("recyclable_revenue", "investors", -revenue)
    incentive = reg.incentive_kzt(separate, mixed, p.epr.realisation)
    incentive_due = reg.incentive_kzt(separate, mixed, 1.0)
    ledger.add("epr_incentive", "epr_operator", incentive)
    ledger.add("epr_incentive", "investors", -incentive)
    ledger.add_memo("epr_incentive_due", "epr_operator", incentive_due)
    return revenue, incentive, incentive_due


def sorting_lines(
    projection: Projection,
    reg: Regional,
    p: EconomicsParameters,
    operating: Operating,
    capital: Capital,
) -> tuple[dict[str, SortingLineEconomics], FloatArray, FloatArray]:
    """Margins of every sorting line, with and without EPR incentives.

    A line recovers the recovery ratio of the districts it serves; it saves the region's
    average gate fee on what it recovers (:func:`average_gate_fee_kzt_per_t`).

    Returns
    -------
    tuple
        Per line id its economics; margins with and without incentives ``[year, region]``.
    """
    flows = projection.arrays
    separate = recycled_separate_t(projection)
    n_y = len(reg.years)
    gate_fee_per_t = average_gate_fee_kzt_per_t(
        operating.gate_fee_kzt, operating.deposited_t, p.costs.landfill_kzt_per_t
    )
    lines: dict[str, SortingLineEconomics] = {}
    margin_r, margin_no_epr_r = reg.zeros(), reg.zeros()
    for plan in projection.inputs.sorting:
        fac = plan.facility
        i = reg.region_index[plan.region]
        served = plan.district_index
        recycled_served = flows["recycled"][:, served, :].sum(axis=1)
        ratio = recovery_ratio(recycled_served, flows["sorted"][:, served, :].sum(axis=1))
        separate_share = recovery_ratio(separate[:, served, :].sum(axis=1), recycled_served)
        line_in = projection.fac_input[fac.id]
        recovered = line_in * ratio
        recovered_separate = recovered * separate_share
        recovered_mixed = recovered - recovered_separate
        revenue = reg.revenue_kzt(recovered_separate, recovered_mixed)
        incentive = reg.incentive_kzt(recovered_separate, recovered_mixed, p.epr.realisation)
        opex = per_tonne_cost_kzt(line_in.sum(axis=1), p.costs.sorting_kzt_per_t)
        avoided = per_tonne_cost_kzt(recovered.sum(axis=1), gate_fee_per_t[:, i])
        margin = sorting_margin_kzt(revenue, incentive, opex, avoided)
        margin_no_epr = sorting_margin_kzt(revenue, 0.0, opex, avoided)
        debt = capital.debt_by_facility.get(fac.id, np.zeros(n_y))
        lines[fac.id] = SortingLineEconomics(
            region=plan.region,
            input_t=line_in.sum(axis=1),
            recovered_t=recovered.sum(axis=1),
            revenue_kzt=revenue,
            incentive_kzt=incentive,
            opex_kzt=opex,
            avoided_landfill_kzt=avoided,
            margin_kzt=margin,
            margin_no_epr_kzt=margin_no_epr,
            debt_service_kzt=debt,
            margin_after_debt_kzt=margin - debt,
            margin_per_t_kzt=cost_per_tonne_kzt(margin, line_in.sum(axis=1)),
            margin_no_epr_per_t_kzt=cost_per_tonne_kzt(margin_no_epr, line_in.sum(axis=1)),
            recovered_separate_t=recovered_separate.sum(axis=1),
            recovered_mixed_t=recovered_mixed.sum(axis=1),
            mixed_price_discount_kzt=reg.revenue_kzt(recovered, 0.0 * recovered) - revenue,
        )
        margin_r[:, i] += margin
        margin_no_epr_r[:, i] += margin_no_epr
    return lines, margin_r, margin_no_epr_r


def _with_total(values: FloatArray) -> FloatArray:
    """``[year, region]`` → ``[year, region + total]`` (plumbing: a column sum)."""
    return np.column_stack([values, values.sum(axis=1)])


def _with_total_ratio(num: FloatArray, den: FloatArray, fn) -> FloatArray:
    return fn(_with_total(num), _with_total(den))


def kpi_values(
    reg: Regional,
    p: EconomicsParameters,
    ledger: Ledger,
    money: dict[str, FloatArray],
    emissions: dict[str, FloatArray],
) -> dict[str, FloatArray]:
    """Money and climate KPIs ``[year, region + total]`` (names in :mod:`planner.kpis`).

    ``money`` holds the ``[year, region]`` arrays of the steps: ``revenue``, ``incentive``,
    ``incentive_due``, ``awareness``, ``diversion_cost``, ``diverted``, ``margin``,
    ``margin_no_epr``.
    """
    shape = ledger.shape
    capex = sum(
        (v for (k, _), v in ledger.items.items() if k.startswith("capex_")), np.zeros(shape)
    )
    total = sum(ledger.items.values(), np.zeros(shape))
    tariff = ledger.by_payer("tariff_payers")
    values = {
        "capex_kzt": _with_total(capex),
        "opex_kzt": _with_total(opex_kzt(total, capex, money["revenue"], money["awareness"])),
        "revenue_kzt": _with_total(money["revenue"]),
        "total_cost_kzt": _with_total(total),
        "npv_cost_kzt": cumulative_npv_kzt(
            _with_total(total), reg.years, p.macro.discount_rate, reg.years[0]
        ),
        "epr_incentives_kzt": _with_total(money["incentive"]),
        "epr_incentives_due_kzt": _with_total(money["incentive_due"]),
        "local_budget_kzt": _with_total(ledger.by_payer("local_budget")),
        "tariff_payers_kzt": _with_total(tariff),
        "investors_kzt": _with_total(ledger.by_payer("investors")),
        "epr_operator_kzt": _with_total(ledger.by_payer("epr_operator")),
        "cost_per_t_diverted_kzt": _with_total_ratio(
            money["diversion_cost"], money["diverted"], cost_per_tonne_kzt
        ),
        "cost_per_resident_month_kzt": _with_total_ratio(
            total, reg.population, cost_per_resident_month_kzt
        ),
        "tariff_cost_per_resident_month_kzt": _with_total_ratio(
            tariff, reg.population, cost_per_resident_month_kzt
        ),
        "sorting_margin_kzt": _with_total(money["margin"]),
        "sorting_margin_no_epr_kzt": _with_total(money["margin_no_epr"]),
        "debt_service_kzt": _with_total(
            ledger.memo.get(("debt_service", "investors"), np.zeros(shape))
        ),
        "concessional_loan_subsidy_kzt": _with_total(
            ledger.memo.get(("concessional_loan_subsidy", "epr_operator"), np.zeros(shape))
        ),
    }
    values.update({k: _with_total(v) for k, v in emissions.items()})
    return values


def scenario_emissions(
    scenario: Scenario, projection: Projection, reg: Regional, p: EconomicsParameters
) -> cl.Emissions:
    """Climate accounting of a projected scenario (landfills, uncollected, diversion).

    Parameters
    ----------
    scenario : Scenario
        The scenario (its regions' compositions and landfill-gas capture).
    projection : Projection
        ``planner.project(scenario)``.
    reg : Regional
        Regional aggregates of the projection ([t], [t/yr]).
    p : EconomicsParameters
        Economic parameters; their ``climate`` table is used.

    Returns
    -------
    Emissions
        The result of :func:`planner.climate.emissions` ([tCO2e]).
    """
    return cl.emissions(
        projection.inputs.landfills,
        projection.fac_input,
        projection.arrays["uncollected"],
        projection.inputs.region_of_district,
        reg.regions,
        {
            r.id: cl.per_material({m: float(v) for m, v in r.composition.items()})
            for r in scenario.resolved_baseline().regions
        },
        reg.biotreated_t,
        reg.recycled_t,
        reg.years,
        p.climate,
        unplaced_by_region(projection.inputs, projection.arrays["unplaced"]),
        lg.capture_by_landfill(scenario),
    )


def evaluate(
    scenario: Scenario, projection: Projection, overrides: EconomicsOverrides | None = None
) -> EconomicsResult:
    """Costs, payers, EPR incentives, loans, margins and emissions of a projected scenario.

    Parameters
    ----------
    scenario : Scenario
        The scenario (its baseline must have an ``[economics]`` table).
    projection : Projection
        ``planner.project(scenario)``.
    overrides : EconomicsOverrides, optional
        Applied on top of the scenario's ``levers.economics`` (e.g. a UI slider for ρ); the
        projection does not depend on them, so it need not be recomputed.

    Returns
    -------
    EconomicsResult
        Arrays and tidy tables; see :mod:`planner.economics` for the allocation rules.

    Raises
    ------
    ValueError
        When the baseline has no economic parameters, or the legacy history names an unknown
        landfill.
    """
    p = economics_parameters(scenario, overrides)
    reg = regional(scenario, projection, p)
    ledger = Ledger((len(reg.years), len(reg.regions)))
    capital = capital_and_loans(projection, reg, p, ledger)
    operating = operating_costs(projection, reg, p, ledger)
    awareness = awareness_costs(scenario, projection, reg, ledger)
    landfill_gas_costs(scenario, projection, reg, ledger)
    revenue, incentive, incentive_due = revenue_and_incentives(reg, p, ledger)
    lines, margin, margin_no_epr = sorting_lines(projection, reg, p, operating, capital)
    climate = scenario_emissions(scenario, projection, reg, p)
    diverted = reg.recycled_t.sum(axis=2) + reg.composted_t
    money = {
        "revenue": revenue,
        "incentive": incentive,
        "incentive_due": incentive_due,
        "awareness": awareness,
        "diversion_cost": diversion_cost_kzt(
            operating.sorting_opex_kzt,
            operating.composting_opex_kzt,
            capital.diversion_capital_kzt,
            awareness,
            revenue,
        ),
        "diverted": diverted,
        "margin": margin,
        "margin_no_epr": margin_no_epr,
    }
    return EconomicsResult(
        scenario=scenario.id,
        years=reg.years,
        regions=reg.regions,
        params=p,
        items=ledger.items,
        memo=ledger.memo,
        emissions_arrays=climate.arrays,
        diverted_t=diverted,
        population=reg.population,
        kpi_values=kpi_values(reg, p, ledger, money, climate.arrays),
        methane=climate.methane,
        sorting=lines,
        financing=capital.financing,
    )
