"""Notes: durable TinyDB store, anchoring, markdown export and import. No Textual."""
