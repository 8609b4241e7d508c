package io.chronoshadow.shadow.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableHoldTest {

  private static final String TOPIC = "demo.shop.items";

  @Test
  void segmentsSayWhichOpenShadowEachReReadOffsetBelongsTo() {
    TableHold hold = TableHold.NONE;
    // offsets 10-12 staged in shadow 4, 13 in shadow 5, 14 waiting for a cut
    for (long offset = 10; offset <= 12; offset++) {
      hold = hold.received(TOPIC, 0, offset).staged(4, offset);
    }
    hold = hold.received(TOPIC, 0, 13).staged(5, 13).received(TOPIC, 0, 14);

    assertThat(hold.heldFrom()).isEqualTo(10);
    assertThat(hold.nextOffset()).isEqualTo(15);
    assertThat(hold.holdsAny()).isTrue();
    assertThat(hold.shadowAt(10)).isEqualTo(4);
    assertThat(hold.shadowAt(12)).isEqualTo(4);
    assertThat(hold.shadowAt(13)).isEqualTo(5);
    assertThat(hold.shadowAt(14)).as("past the last segment: waiting").isZero();
  }

  @Test
  void committingAShadowReleasesItsOffsetsAndNothingAfterThem() {
    TableHold hold =
        TableHold.NONE
            .received(TOPIC, 0, 10)
            .staged(4, 10)
            .received(TOPIC, 0, 11)
            .staged(5, 11)
            .received(TOPIC, 0, 12);

    TableHold afterFour = hold.committed(4);
    assertThat(afterFour.heldFrom()).isEqualTo(11);
    assertThat(afterFour.segments()).containsExactly(new TableHold.Segment(5, 11));

    TableHold afterFive = afterFour.committed(5);
    assertThat(afterFive.heldFrom()).as("offset 12 still waits").isEqualTo(12);
    assertThat(afterFive.holdsAny()).isTrue();
    assertThat(afterFive.shadowAt(12)).isZero();
  }

  @Test
  void nothingIsHeldOnceEveryEventIsCommitted() {
    TableHold hold = TableHold.NONE.received(TOPIC, 0, 7).staged(2, 7).committed(2);

    assertThat(hold.holdsAny()).isFalse();
    assertThat(hold.heldFrom()).isEqualTo(-1);
    assertThat(hold.received(TOPIC, 0, 9).heldFrom())
        .as("the next event starts a new hold")
        .isEqualTo(9);
  }

  @Test
  void aDropNeedsANoteOnlyWhileAnOpenShadowHoldsEarlierEvents() {
    TableHold waitingOnly = TableHold.NONE.received(TOPIC, 0, 3).received(TOPIC, 0, 4);
    assertThat(waitingOnly.dropNeedsSkip()).isFalse();
    TableHold afterDrop = waitingOnly.droppedOldest(3);
    assertThat(afterDrop.heldFrom()).as("offset 4 still waits").isEqualTo(4);
    assertThat(afterDrop.droppedOldest(4).holdsAny()).isFalse();

    TableHold withSegment = TableHold.NONE.received(TOPIC, 0, 3).staged(1, 3);
    assertThat(withSegment.received(TOPIC, 0, 4).dropNeedsSkip()).isTrue();
  }

  @Test
  void aTableWhoseChangesComeFromTwoPartitionsIsRefusedByName() {
    TableHold hold = TableHold.NONE.received(TOPIC, 0, 1);

    assertThatThrownBy(() -> hold.received("other.topic", 0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(TOPIC + "-0")
        .hasMessageContaining("other.topic-0");
  }
}
