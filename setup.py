"""Packaging for corpus_research, driven by nbdev's settings.ini.

The shipped research knowledge (outlet profiles, furniture rules, agencies) and the demo corpus
live in the top-level `data/` folder and are installed as the package `corpus_research.data`.
"""
from configparser import ConfigParser
from setuptools import setup

cfg = ConfigParser(delimiters=["="])
cfg.read("settings.ini", encoding="utf-8")
cfg = cfg["DEFAULT"]
requirements = cfg.get("requirements", "").split()
test_requirements = cfg.get("test_requirements", "").split()
dev_requirements = test_requirements + cfg.get("dev_requirements", "").split()
licenses = {"apache2": "Apache Software License 2.0"}

setup(
    name=cfg["lib_name"],
    version=cfg["version"],
    description=cfg["description"],
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    author=cfg["author"],
    author_email=cfg["author_email"],
    url=cfg["git_url"],
    license=licenses[cfg["license"]],
    keywords=cfg["keywords"].split(),
    python_requires=">=" + cfg["min_python"],
    packages=["corpus_research", "corpus_research.data"],
    package_dir={"corpus_research": "corpus_research", "corpus_research.data": "data"},
    package_data={"corpus_research.data": ["*.toml", "*.csv", "*.md", "raw/*.txt", "gold/*.csv", "gold/*.md"]},
    include_package_data=False,
    install_requires=requirements,
    extras_require={"test": test_requirements, "dev": dev_requirements},
    entry_points={
        "console_scripts": cfg["console_scripts"].split(),
        "nbdev": [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"],
    },
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Intended Audience :: Science/Research",
        "Natural Language :: German",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: Apache Software License",
    ],
    zip_safe=False,
)
