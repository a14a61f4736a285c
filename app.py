"""The Streamlit entry point of kb (`kb app`, or `streamlit run app.py`): the page body is kb.ui.page."""

from kb.ui.page import main

main()
