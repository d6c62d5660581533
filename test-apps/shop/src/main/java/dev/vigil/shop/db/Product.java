package dev.vigil.shop.db;

/** A catalogue entry. */
public record Product(long id, String name, long priceCents, int stock) {}
