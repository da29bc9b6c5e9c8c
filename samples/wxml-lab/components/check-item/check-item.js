Component({ properties: { label: String } });
