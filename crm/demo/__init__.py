"""Demo data: a deterministic, realistic ledger for trying the application and benchmarking."""

from crm.demo.generate import GENERATOR_VERSION, DemoSummary, generate_demo
from crm.demo.scales import SCALES, Scale

__all__ = ["GENERATOR_VERSION", "SCALES", "DemoSummary", "Scale", "generate_demo"]
