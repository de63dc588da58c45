package io.switchboard.core.room;

import java.util.regex.Pattern;

/**
 * Room names are {@code namespace:rest} (SPEC C1 "Rooms"): the namespace selects the room's policy.
 * {@code user:} is reserved for a user's personal channel and cannot be joined.
 */
public final class RoomName {
  /** Longest accepted room name, in characters. */
  public static final int MAX_LENGTH = 200;

  /** The reserved namespace of users' personal channels. */
  public static final String USER_NAMESPACE = "user";

  private static final Pattern VALID =
      Pattern.compile("[A-Za-z0-9_\\-]{1,64}:[A-Za-z0-9_\\-.:@=/]{1,135}");

  private RoomName() {}

  /**
   * Whether {@code name} is a well-formed room name: a namespace of 1 to 64 of {@code A-Z a-z 0-9 _
   * -}, {@code ':'}, then 1 to 135 of those plus {@code . : @ = /}, at most {@value #MAX_LENGTH}
   * characters in all. Any namespace passes, the reserved {@code user} included; {@code null} does
   * not.
   */
  public static boolean isValid(String name) {
    return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
  }

  /**
   * The namespace part of a valid room name: everything before the first {@code ':'}.
   *
   * @throws StringIndexOutOfBoundsException if {@code name} has no {@code ':'} (check {@link
   *     #isValid} first)
   */
  public static String namespace(String name) {
    return name.substring(0, name.indexOf(':'));
  }

  /**
   * The pub/sub channel carrying notifications and disconnects for one user: {@code user:} followed
   * by the user id as it is (not checked against the room name format).
   */
  public static String userChannel(String userId) {
    return USER_NAMESPACE + ":" + userId;
  }
}
