package dev.beamline.pipelines.clickstreamsessions;

import java.util.List;

/** The actions a click event may record; {@code purchase} converts the session. */
public final class Actions {
  private Actions() {}

  public static final String PURCHASE = "purchase";

  public static final List<String> KNOWN = List.of("view", "click", "search", "add_to_cart",
      "remove_from_cart", "checkout", PURCHASE, "login", "logout");
}
