"""Bring maps in from where teams start them (spreadsheets, surveys, Mermaid) and back out."""
