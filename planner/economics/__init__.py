"""Money of MSW scenarios: costs, who pays them, EPR incentives, loans, margins, abatement cost.

Small pure functions compute one quantity each: discounting and loans in
:mod:`~planner.economics.finance`, unit costs in :mod:`~planner.economics.costs`, EPR incentives
in :mod:`~planner.economics.epr`.  :func:`evaluate` (:mod:`~planner.economics.evaluate`) strings
them together, step by step, for a projected scenario and returns an :class:`EconomicsResult`
(:mod:`~planner.economics.result`) with tidy tables; :mod:`~planner.economics.compare` compares
options.  The parameters in effect come from :func:`planner.resolve.economics_parameters`.
Nothing here imports Streamlit.

Conventions
-----------
- Money is in constant base-year tenge (KZT of ``macro.price_year``); per-tonne costs and prices
  do not escalate; MRP-denominated payments use the MRP of each year
  (:func:`mrp_kzt_by_year`).
- Capex of a new facility is spent in the year before its ``start_year`` (in the first projected
  year when that is earlier; not at all when the facility started before the horizon).
- Net present values discount to the first projected year: ``Σ x_y / (1 + r)^(y − y0)``;
  ``r`` is a real rate.  Loan rates are quoted nominal and deflated by
  ``macro.inflation_per_yr`` (Fisher, :func:`real_rate`); the concessional loan has
  ``finance.concessional_grace_yr`` interest-only years.
- EPR incentives are paid on the packaging share of each recovered material only; packaging
  picked from mixed waste earns only ``epr.mixed_stream_rates`` (:mod:`~planner.economics.epr`).
  Fractions picked from mixed waste sell at ``recyclable_prices.mixed_price_factor`` of the
  clean price.
- Options are ranked by the levelised cost of diversion / abatement against a named reference
  (:mod:`~planner.economics.compare`).

Who pays (allocation rules)
---------------------------
- **Tariff payers** (households and businesses through the maslikhat tariff): collection and
  transport, the landfill gate fee, the environmental payment for disposal (passed through in
  the gate fee), and the operating cost of sorting and composting (tariffs such as Lisakovsk's
  have a sorting component, reference.md §2.9).
- **Local budget** (akimat, with republican transfers): capex and fixed opex of the facility
  kinds in ``finance.budget_kinds`` (landfills by default: the Semey landfill is budget-funded),
  and awareness campaigns.
- **Investors** (private operators): capex and fixed opex of the other kinds (sorting lines,
  composting sites); they receive the revenue from recovered materials and the EPR incentives
  (negative rows).
- **EPR operator** (JSC «Жасыл даму»): the EPR incentives actually paid (``realisation`` ρ times
  what the rules promise).  It also lends at the concessional rate; the interest it forgoes
  against a commercial loan is reported as the memo item ``concessional_loan_subsidy``.

The EPR incentive appears twice with opposite signs (paid by the EPR operator, received by
investors), so the sum over payers is the system cost: ``total_cost_kzt`` = capex + opex +
environmental payment + campaigns − revenue from recovered materials.  Debt service and the
loan subsidy are memo items outside the total (capex is already counted when spent).
"""

from planner.economics.compare import (
    COMPARISON_COLUMNS,
    LEVELISED,
    abatement_cost_kzt_per_tco2e,
    cheapest_per_tonne_diverted,
    compare,
    comparison_rows,
    levelised_cost_kzt_per_unit,
    mac_curve,
    summary_lines,
)
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
from planner.economics.evaluate import (
    evaluate,
)
from planner.economics.finance import (
    annuity_factor,
    annuity_kzt,
    blended_rate,
    capex_schedule_kzt,
    cumulative_npv_kzt,
    discount_factors,
    loan_mix_kzt,
    loan_mix_payment_kzt_per_yr,
    loan_payments_kzt,
    npv_kzt,
    real_rate,
)
from planner.economics.result import (
    CLIMATE_KPIS,
    ECONOMICS_COLUMNS,
    MONEY_KPIS,
    PAYERS,
    EconomicsResult,
    LoanFinancing,
    SortingLineEconomics,
)
from planner.resolve import (
    economics_parameters,
    effective_parameters,
    parameters_of,
)

__all__ = [
    "CLIMATE_KPIS",
    "COMPARISON_COLUMNS",
    "ECONOMICS_COLUMNS",
    "EconomicsResult",
    "LEVELISED",
    "LoanFinancing",
    "MONEY_KPIS",
    "PAYERS",
    "SortingLineEconomics",
    "abatement_cost_kzt_per_tco2e",
    "allocate_kzt",
    "annuity_factor",
    "annuity_kzt",
    "average_gate_fee_kzt_per_t",
    "blended_rate",
    "campaign_cost_kzt",
    "capex_schedule_kzt",
    "cheapest_per_tonne_diverted",
    "compare",
    "comparison_rows",
    "cost_per_resident_month_kzt",
    "cost_per_tonne_kzt",
    "cumulative_npv_kzt",
    "discount_factors",
    "diversion_cost_kzt",
    "economics_parameters",
    "effective_parameters",
    "environmental_payment_kzt",
    "epr_incentive_kzt",
    "epr_rates_mrp_per_t",
    "evaluate",
    "fixed_opex_kzt",
    "levelised_cost_kzt_per_unit",
    "loan_mix_kzt",
    "loan_mix_payment_kzt_per_yr",
    "loan_payments_kzt",
    "mac_curve",
    "mrp_kzt_by_year",
    "npv_kzt",
    "opex_kzt",
    "packaging_rates_by_stream_mrp_per_t",
    "parameters_of",
    "per_tonne_cost_kzt",
    "real_rate",
    "recovery_ratio",
    "recyclable_revenue_kzt",
    "sorting_margin_kzt",
    "summary_lines",
]
