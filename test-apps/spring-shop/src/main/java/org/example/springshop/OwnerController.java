package org.example.springshop;

import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Owners and their pets, PetClinic style. */
@RestController
@RequestMapping("/owners")
class OwnerController {
  /** The last exception {@link #boom} threw, for {@link ExceptionWitness} to compare with what it catches. */
  static volatile RuntimeException lastThrown;

  @GetMapping("/{ownerId}")
  Map<String, Object> owner(@PathVariable("ownerId") long ownerId) {
    return Map.of("id", ownerId, "name", "Owner " + ownerId);
  }

  @GetMapping("/{ownerId}/pets/{petId}")
  Map<String, Object> pet(@PathVariable("ownerId") long ownerId, @PathVariable("petId") long petId) {
    return Map.of("id", petId, "ownerId", ownerId, "name", "Pet " + petId);
  }

  /** Async (a Callable): the 202 is written on the async dispatch, after the request's first dispatch returned. */
  @GetMapping("/{ownerId}/visits")
  Callable<ResponseEntity<Map<String, Object>>> visits(@PathVariable("ownerId") long ownerId) {
    return () -> ResponseEntity.accepted().body(Map.of("ownerId", ownerId, "visits", 0));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create() {
    return Map.of("id", 42, "name", "New owner");
  }

  @GetMapping("/{ownerId}/boom")
  Map<String, Object> boom(@PathVariable("ownerId") long ownerId) {
    lastThrown = new IllegalStateException("boom from the shop");
    throw lastThrown;
  }
}
