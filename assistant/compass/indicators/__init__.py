"""Open indicator data as compass evidence: the catalog (``prompts/indicators.yaml``), readers for the publishers'
file formats, the data folder, and :class:`Fact` (one cited value with its band).

    from assistant.compass.indicators import IndicatorData, resolve_data_dir
    data = IndicatorData(definition.indicators, resolve_data_dir(settings))
    data.facts("japan", "realiseerbaarheid")
"""

from assistant.compass.indicators.catalog import Bands, Catalog, Dataset
from assistant.compass.indicators.data import DatasetStatus, IndicatorData, indicator_data, resolve_data_dir
from assistant.compass.indicators.facts import BAND_ARROW, Fact, parse_evidence_id
from assistant.compass.indicators.readers import DataFileError, Observation, Table

__all__ = ["BAND_ARROW", "Bands", "Catalog", "DataFileError", "Dataset", "DatasetStatus", "Fact", "IndicatorData",
           "Observation", "Table", "indicator_data", "parse_evidence_id", "resolve_data_dir"]
