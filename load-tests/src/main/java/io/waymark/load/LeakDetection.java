package io.waymark.load;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's buffer leak detection in the generator. By default Netty records a stack trace for one buffer in 128,
 * which for 250,000 dashboard frames a second is a share of the generator's CPU taken from the server it measures,
 * on the same machine. The generator's buffers are released where they are read; the detection stays available
 * with {@code -Dio.netty.leakDetection.level=…}.
 */
final class LeakDetection {

    static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";

    private LeakDetection() {}

    /** Turns the detection off unless {@value #LEVEL_PROPERTY} asks for a level. */
    static void offUnlessAsked() {
        if (System.getProperty(LEVEL_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
