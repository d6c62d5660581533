package org.example.servers.spring5;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class VetController {
  @GetMapping("/vets/{vetId}/specialties/{name}")
  public String specialty(@PathVariable("vetId") long vetId, @PathVariable("name") String name) {
    return "vet " + vetId + " " + name;
  }

  @GetMapping("/vets/{vetId}/boom")
  public String boom(@PathVariable("vetId") long vetId) {
    throw new IllegalStateException("boom from spring 5");
  }
}
