package dev.beamline.pipelines.sensorstats;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Binary coder for {@link SensorEvent}: id, then a flag byte (humidity present), timestamp,
 * temperature and humidity as fixed-width numbers. About 30 bytes for a typical reading, against
 * hundreds for Java serialization.
 */
public final class SensorEventCoder extends AtomicCoder<SensorEvent> {
  private static final SensorEventCoder INSTANCE = new SensorEventCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  public static SensorEventCoder of() {
    return INSTANCE;
  }

  /** Lets {@code @DefaultCoder} on {@link SensorEvent} find this coder. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(SensorEvent.class), INSTANCE);
  }

  private SensorEventCoder() {}

  @Override
  public void encode(SensorEvent e, OutputStream outStream) throws IOException {
    STRING.encode(e.sensorId(), outStream);
    DataOutputStream out = new DataOutputStream(outStream);
    Double humidity = e.humidity();
    out.writeByte(humidity == null ? 0 : 1);
    out.writeLong(e.timestampMillis());
    out.writeDouble(e.temperature());
    if (humidity != null) {
      out.writeDouble(humidity);
    }
    out.flush();
  }

  @Override
  public SensorEvent decode(InputStream inStream) throws IOException {
    String id = STRING.decode(inStream);
    DataInputStream in = new DataInputStream(inStream);
    boolean hasHumidity = in.readByte() != 0;
    long ts = in.readLong();
    double temperature = in.readDouble();
    Double humidity = hasHumidity ? in.readDouble() : null;
    return new SensorEvent(id, ts, temperature, humidity);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
