"""`cjzn.toml`: a repo's settings and waivers, as data (nothing in it is ever run).

Found by walking up from each checked filing (`discover`), read with the
position of every key (`toml`, `positions`), checked (`schema`, `load`: every
problem a located C diagnostic, raised together as a `ConfigError`, exit 2),
then merged with the defaults and the command line (`effective`). The pipeline
(`cjzn.check`) applies the result: select/ignore, per-file ignores, warn,
exclusions and waivers (`waivers`). Path patterns: `globs`.
"""

from cjzn.config.codes import CODES, CONFIG_NAME
from cjzn.config.discover import find_config, forget_configs
from cjzn.config.effective import Effective, effective, selected
from cjzn.config.globs import glob_match
from cjzn.config.load import CODE_KEYS, TOP_KEYS, WAIVER_KEYS, load_config
from cjzn.config.schema import Vocabulary
from cjzn.config.settings import DEFAULT, ConfigError, ConfigFile, Origin, Setting
from cjzn.config.waivers import Waiver, WaiverState

__all__ = [
    "CODES",
    "CODE_KEYS",
    "CONFIG_NAME",
    "DEFAULT",
    "TOP_KEYS",
    "WAIVER_KEYS",
    "ConfigError",
    "ConfigFile",
    "Effective",
    "Origin",
    "Setting",
    "Vocabulary",
    "Waiver",
    "WaiverState",
    "effective",
    "find_config",
    "forget_configs",
    "glob_match",
    "load_config",
    "selected",
]
