"""Every component id in one place, so layouts, callbacks and tests agree."""

URL = "url"
PAGE = "page-content"
PAGE_FOR = "page-for"  # the address the first page was drawn for, until the router has seen it (callbacks/router.py)
DOMAIN_NAV = "domain-nav"
MENU_TOGGLE = "menu-toggle"
COUNCIL_PICKER = "council-picker"
COUNCIL_PICKER_GO = "council-picker-go"
BANNER = "illustrative-banner"
MAIN = "main"
TITLE = "page-title"
PLAIN_LINK = "plain-link"  # the footer's link to this page in the published account
MY_COUNCIL = "my-council"        # localStorage only: the reader's own council, never sent to the server
MY_COUNCIL_LINK = "my-council-link"
COUNCIL_NAMES = "council-names"
SET_MY_COUNCIL = "set-my-council"
JUMPED = "jumped"
PRINT = "print-button"
PRESENTER = "presenter"  # presenter view's chart size, or None (assets/presenter.js sets it; layouts.presenting)
VIEWPORT = "viewport"  # "narrow" or "wide": charts are laid out for the reader's screen

# Domain view
D_URL = "domain-url"
D_MEASURE = "domain-measure"
D_PERIOD = "domain-period"
D_BENCHMARK = "domain-benchmark"
D_COUNCIL = "domain-council"
D_CHOSEN = "domain-chosen"
D_CHOSEN_WRAP = "domain-chosen-wrap"
D_CHOSEN_ADD = "domain-chosen-add"
D_CHOSEN_ADD_BUTTON = "domain-chosen-add-button"
D_CHOSEN_NAMES = "domain-chosen-names"
D_CHOSEN_STATUS = "domain-chosen-status"
D_STATE = "domain-state"
D_BAR = "domain-bar"
D_BAR_FIGURE = "domain-bar-figure"
D_BAR_CAPTION = "domain-bar-caption"
D_CATEGORIES = "domain-categories"
D_TABLE = "domain-table"
D_DOWNLOAD = "domain-download"
D_TREND = "domain-trend"
D_TREND_HOLDER = "domain-trend-holder"
D_TREND_CAPTION = "domain-trend-caption"
D_NARRATIVE = "domain-narrative"
D_NEIGHBOURS = "domain-neighbours"
D_TILES = "domain-tiles"
D_NEIGHBOURS_CHART = "domain-neighbours-chart"
D_NOTICE = "domain-notice"

# Regional overview
O_URL = "overview-url"
O_PERIOD = "overview-period"
O_BENCHMARK = "overview-benchmark"
O_STATE = "overview-state"
O_CARDS = "overview-cards"
O_HEATMAP = "overview-heatmap"
O_DOMAIN_LINKS = "overview-domain-links"
O_DOWNLOAD = "overview-download"
O_NOTICE = "overview-notice"
PACK_DOMAINS = "pack-domains"      # the overview's meeting-pack form
PACK_COUNCILS = "pack-councils"
PACK_DATE = "pack-date"
PACK_LINK = "pack-link"

PIN_BAR = "pin-bar"  # "data as at", and the link that pins the view for a meeting (or unpins it)

# Presenter view (assets/presenter.js): the agenda, the slide counter, the keys and the spotlight
DECK = "deck"
PRESENT_TOGGLE = "present-toggle"
SLIDE = "slide-number"
SLIDE_TITLE = "slide-title"
SLIDE_AS_AT = "slide-as-at"  # presenter view: what the data is as at, on the header line
KEYS_HELP = "keys-help"
SPOTLIGHT = "spotlight"
SPOTLIGHT_INPUT = "spotlight-input"
SPOTLIGHT_COUNCILS = "spotlight-councils"
