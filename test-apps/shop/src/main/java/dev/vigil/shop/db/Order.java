package dev.vigil.shop.db;

import java.time.Instant;

/** A placed order, with its product's name for display. */
public record Order(long id, long productId, String productName, int quantity, long totalCents, Instant createdAt) {}
